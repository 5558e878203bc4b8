package dev.kubemu.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded trees of the most recently replaced or deleted revisions, first in first out within a heap budget.
 * Every watcher that maps an update to work (a controller enqueuing the owners of the old and of the new object)
 * decodes the old revision right after the write and nobody does much later, so recency is the whole policy: a
 * frequency-based cache would refuse these newcomers exactly when it is full. Thread-safe.
 */
final class RecentTrees {
  private final long budgetBytes;
  private final Map<StoredObject, JsonNode> trees = new LinkedHashMap<>();
  private long usedBytes;

  RecentTrees(long budgetBytes) {
    this.budgetBytes = budgetBytes;
  }

  synchronized JsonNode get(StoredObject revision) {
    return trees.get(revision);
  }

  synchronized void put(StoredObject revision, JsonNode tree) {
    if (trees.put(revision, tree) == null) {
      usedBytes += weight(revision);
    }
    var oldest = trees.entrySet().iterator();
    while (usedBytes > budgetBytes && oldest.hasNext()) {
      usedBytes -= weight(oldest.next().getKey());
      oldest.remove();
    }
  }

  private static long weight(StoredObject revision) {
    return (long) revision.json().length * VersionedStore.TREE_BYTES_PER_JSON_BYTE;
  }
}
