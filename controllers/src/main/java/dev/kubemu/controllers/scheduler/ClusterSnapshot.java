package dev.kubemu.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.control.ControlLoop;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.WatchEvent;
import dev.kubemu.core.store.WatchSubscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The scheduler's cache of nodes and of what assigned pods take from them, kept current from store events so a
 * scheduling decision costs O(nodes), not a scan of every pod. Pods count from binding until they are removed
 * (terminating pods still hold their resources) or finish. Confined to the control loop.
 */
final class ClusterSnapshot implements AutoCloseable {
  private final ResourceOperations operations;
  private final Map<String, NodeInfo> nodes = new HashMap<>();
  private final Map<String, PodUsage> assigned = new HashMap<>();
  /** Pods counted on a node while their volumes are bound, before the pod itself is (kube's assumed pods). */
  private final java.util.Set<String> reserved = new java.util.HashSet<>();
  private final WatchSubscription nodeWatch;
  private final WatchSubscription podWatch;

  ClusterSnapshot(ResourceOperations operations, ResourceType nodeType, ResourceType podType, ControlLoop loop) {
    this.operations = operations;
    this.nodeWatch = operations.watch(nodeType, null, ListOptions.everything(), loop, this::onNode);
    this.podWatch = operations.watch(podType, null, ListOptions.everything(), loop, this::onPod);
  }

  /**
   * The nodes pods can be scheduled to. Pods can name a node the scheduler has not seen (bound before their node's
   * event arrived, created with {@code nodeName}, or left on a deleted node); their usage is kept on a placeholder
   * that only becomes a candidate when the Node object exists, as in kube-scheduler's cache.
   */
  Collection<NodeInfo> nodes() {
    var known = new ArrayList<NodeInfo>(nodes.size());
    for (NodeInfo info : nodes.values()) {
      if (info.node() != null) {
        known.add(info);
      }
    }
    return known;
  }

  private void onNode(WatchEvent event) {
    StoredObject o = event.object();
    if (event.type() == WatchEvent.Type.DELETED) {
      NodeInfo info = nodes.get(o.name());
      if (info != null) {
        info.clearNode();
        if (info.podCount() == 0) {
          nodes.remove(o.name());
        }
      }
      return;
    }
    nodes.computeIfAbsent(o.name(), NodeInfo::new).setNode(operations.storageTree(o));
  }

  private void onPod(WatchEvent event) {
    StoredObject o = event.object();
    String key = o.namespace() + "/" + o.name();
    if (event.type() == WatchEvent.Type.DELETED) {
      reserved.remove(key);
      release(key);
      return;
    }
    JsonNode pod = operations.storageTree(o);
    String node = pod.path("spec").path("nodeName").asText("");
    String phase = pod.path("status").path("phase").asText("");
    if (node.isEmpty() && reserved.contains(key)) {
      return;
    }
    if (node.isEmpty() || phase.equals("Succeeded") || phase.equals("Failed")) {
      release(key);
    } else if (!assigned.containsKey(key)) {
      assume(key, pod, node);
    }
  }

  /** Counts a pod against a node right after binding, before its event arrives. */
  void assume(String key, JsonNode pod, String node) {
    reserved.remove(key);
    release(key);
    PodUsage usage = PodUsage.of(pod, node);
    assigned.put(key, usage);
    nodes.computeIfAbsent(node, NodeInfo::new).add(usage);
  }

  /**
   * Counts a pod against the node chosen for it while its volumes are being bound (it has no nodeName yet), so
   * other pods do not take its place meanwhile.
   */
  void reserve(String key, JsonNode pod, String node) {
    assume(key, pod, node);
    reserved.add(key);
  }

  /** Gives up a reservation whose volume binding failed. */
  void unreserve(String key) {
    if (reserved.remove(key)) {
      release(key);
    }
  }

  private void release(String key) {
    PodUsage usage = assigned.remove(key);
    if (usage != null) {
      NodeInfo info = nodes.get(usage.node());
      if (info != null) {
        info.remove(usage);
        if (info.node() == null && info.podCount() == 0) {
          nodes.remove(usage.node());
        }
      }
    }
  }

  static String key(JsonNode pod) {
    return Meta.namespace(pod) + "/" + Meta.name(pod);
  }

  @Override
  public void close() {
    nodeWatch.close();
    podWatch.close();
  }
}
