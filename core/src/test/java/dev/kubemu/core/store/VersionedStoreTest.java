package dev.kubemu.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.GroupResource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionedStoreTest {
  private static final GroupResource PODS = new GroupResource("", "pods");

  private final VersionedStore store = new VersionedStore();

  private static ObjectNode pod(String name, String label) {
    return (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"default\",\"labels\":{\"app\":\"" + label + "\"}}}").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aRevisionIsSupersededOnceReplacedOrDeleted() {
    StoredObject first = store.compareAndSet(PODS, "default", "web", null, pod("web", "a"));
    assertFalse(first.superseded());
    StoredObject second = store.compareAndSet(PODS, "default", "web", first, pod("web", "b"));
    assertTrue(first.superseded());
    assertFalse(second.superseded());
    StoredObject gone = store.compareAndSet(PODS, "default", "web", second, null);
    assertTrue(second.superseded());
    assertTrue(gone.superseded(), "the deleted object's last state is not current either");
    assertNull(store.get(PODS, "default", "web"));
  }

  @Test
  void aStaleWriterGetsAConflictAndNothingChanges() {
    StoredObject first = store.compareAndSet(PODS, "default", "web", null, pod("web", "a"));
    StoredObject second = store.compareAndSet(PODS, "default", "web", first, pod("web", "b"));
    assertThrows(StoreConflictException.class, () -> store.compareAndSet(PODS, "default", "web", first,
        pod("web", "c")));
    assertSame(second, store.get(PODS, "default", "web"));
    assertFalse(second.superseded());
  }

  @Test
  void replacedAndDeletedRevisionsStillDecodeToWhatTheyHeld() {
    StoredObject first = store.compareAndSet(PODS, "default", "web", null, pod("web", "a"));
    store.tree(first);
    StoredObject second = store.compareAndSet(PODS, "default", "web", first, pod("web", "b"));
    StoredObject gone = store.compareAndSet(PODS, "default", "web", second, null);
    assertEquals("a", store.tree(first).path("metadata").path("labels").path("app").asText());
    assertEquals("b", store.tree(second).path("metadata").path("labels").path("app").asText());
    JsonNode last = store.tree(gone);
    assertEquals("b", last.path("metadata").path("labels").path("app").asText());
    assertEquals(Long.toString(gone.resourceVersion()), last.path("metadata").path("resourceVersion").asText());
  }

  @Test
  void recentTreesKeepTheNewestWithinTheirBudget() {
    ObjectNode tree = pod("web", "a");
    byte[] json = Json.bytes(tree);
    long oneTree = (long) json.length * VersionedStore.TREE_BYTES_PER_JSON_BYTE;
    var recent = new RecentTrees(2 * oneTree);
    var a = new StoredObject("default", "a", 1, json);
    var b = new StoredObject("default", "b", 2, json);
    var c = new StoredObject("default", "c", 3, json);
    recent.put(a, tree);
    recent.put(b, tree);
    recent.put(c, tree);
    assertNull(recent.get(a), "the oldest goes first");
    assertSame(tree, recent.get(b));
    assertSame(tree, recent.get(c));
  }

  @Test
  void backlogCountsUndeliveredChangesButNotTheInitialReplay() {
    StoredObject a = store.compareAndSet(PODS, "default", "a", null, pod("a", "x"));
    store.compareAndSet(PODS, "default", "b", null, pod("b", "x"));
    var tasks = new ArrayDeque<Runnable>();
    List<WatchEvent> seen = new ArrayList<>();
    WatchSubscription watch = store.watch(PODS, null, 0, tasks::add, seen::add);
    assertEquals(0, watch.backlog(), "the two ADDED events of the replay are not a backlog");
    StoredObject a2 = store.compareAndSet(PODS, "default", "a", a, pod("a", "y"));
    store.compareAndSet(PODS, "default", "a", a2, pod("a", "z"));
    assertEquals(2, watch.backlog());
    tasks.poll().run();
    assertEquals(4, seen.size());
    assertEquals(0, watch.backlog());
    watch.close();
  }

  @Test
  void backlogOfAWatchResumedFromARevisionIgnoresTheReplayedWindow() {
    StoredObject a = store.compareAndSet(PODS, "default", "a", null, pod("a", "x"));
    long from = a.resourceVersion();
    StoredObject a2 = store.compareAndSet(PODS, "default", "a", a, pod("a", "y"));
    var tasks = new ArrayDeque<Runnable>();
    WatchSubscription watch = store.watch(PODS, "default", from, tasks::add, e -> { });
    assertEquals(0, watch.backlog());
    store.compareAndSet(PODS, "default", "a", a2, pod("a", "z"));
    assertEquals(1, watch.backlog());
    watch.close();
  }
}
