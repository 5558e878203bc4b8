package dev.kubemu.controllers.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.EventRecorder;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.object.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The node lifecycle controller's part a small cluster shows: a {@code RegisteredNode} event for every node it
 * starts tracking (at its next health pass, up to 5 s later), {@code RemovingNode} when one goes, and NoSchedule
 * taints that follow the node's conditions and cordon state, so a cordoned node
 * carries {@code node.kubernetes.io/unschedulable:NoSchedule} as on a real cluster.
 */
public final class NodeLifecycleController {
  static final String NAME = "node-controller";
  /** kube-controller-manager's {@code --node-monitor-period}: how often it looks at node health (and new nodes). */
  static final Duration MONITOR_PERIOD = Duration.ofSeconds(5);

  private final ResourceOperations operations;
  private final ResourceType nodes;
  private final EventRecorder events;
  private final RequestContext request = RequestContext.internal(NAME);
  /** The nodes already announced (name → uid); a node is announced at the first health pass that sees it. */
  private final Map<String, String> registered = new HashMap<>();
  /** Nodes seen but not announced yet, with the time the controller first saw them. */
  private final Map<String, Instant> seen = new HashMap<>();

  public NodeLifecycleController(ResourceOperations operations) {
    this.operations = operations;
    this.nodes = operations.registry().find("", "v1", "nodes").orElseThrow();
    this.events = new EventRecorder(operations, NAME, null);
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder(NAME, nodes).reconciler(this::reconcile).build();
  }

  Result reconcile(ObjectKey key) {
    StoredObject stored = operations.store().get(nodes.storageResource(), "", key.name());
    if (stored == null) {
      seen.remove(key.name());
      String uid = registered.remove(key.name());
      if (uid != null) {
        record(key.name(), uid, "RemovingNode", "Removing Node " + key.name() + " from Controller");
      }
      return Result.done();
    }
    JsonNode node = operations.storageTree(stored);
    Result result = Result.done();
    String name = Meta.name(node);
    if (!Meta.uid(node).equals(registered.get(name))) {
      Instant now = operations.clock().now();
      Instant due = seen.computeIfAbsent(name, n -> now).plus(MONITOR_PERIOD);
      if (now.isBefore(due)) {
        result = Result.requeueAfter(Duration.between(now, due));
      } else {
        seen.remove(name);
        registered.put(name, Meta.uid(node));
        record(name, Meta.uid(node), "RegisteredNode", "Registered Node " + name + " in Controller");
      }
    }
    ArrayNode taints = NoScheduleTaints.reconcile(node, Timestamps.format(operations.clock().now()));
    if (taints != null) {
      ObjectNode next = (ObjectNode) node.deepCopy();
      ObjectNode spec = next.get("spec") instanceof ObjectNode s ? s : next.putObject("spec");
      if (taints.isEmpty()) {
        spec.remove("taints");
      } else {
        spec.set("taints", taints);
      }
      try {
        operations.updateStored(nodes, stored, next, request, Target.MAIN);
      } catch (ApiException e) {
        // a node deleted meanwhile needs nothing; a conflict (409) is retried by the runner with a fresh read
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    return result;
  }

  /** An event as the node controller words it, about a reference without a resourceVersion. */
  private void record(String node, String uid, String reason, String message) {
    ObjectNode ref = Json.object();
    ref.put("kind", "Node");
    ref.put("apiVersion", "v1");
    ref.putObject("metadata").put("name", node).put("uid", uid);
    events.normal(ref, reason, "Node " + node + " event: " + message);
  }
}
