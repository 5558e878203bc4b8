package dev.kubemu.controllers.replicaset;

import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.store.StoredObject;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * {@link PodFacts} per stored pod revision. Revisions are immutable, so an entry never goes stale; entries go when
 * the store lets go of their revision. Confined to the control loop.
 */
final class PodFactsCache {
  private final ResourceOperations operations;
  // keys compare by identity: a StoredObject is one revision
  private final Map<StoredObject, PodFacts> facts = new WeakHashMap<>();

  PodFactsCache(ResourceOperations operations) {
    this.operations = operations;
  }

  PodFacts of(StoredObject pod) {
    return facts.computeIfAbsent(pod, p -> PodFacts.of(operations.storageTree(p)));
  }
}
