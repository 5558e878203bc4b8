package dev.kubemu.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.EventRecorder;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The events a kubelet records about its own node, which {@code kubectl describe node} lists: on start
 * {@code Starting}, one {@code NodeHas...} per pressure condition, {@code NodeAllocatableEnforced} and
 * {@code NodeReady}; later {@code NodeNotSchedulable} / {@code NodeSchedulable} when the node is cordoned or
 * uncordoned. Like the real kubelet, it refers to the node with the node's name as uid.
 */
final class NodeStatusEvents {
  private final ResourceOperations operations;
  private final ResourceType nodes;
  /** Per node whose kubelet has started: whether it last reported the node unschedulable. */
  private final Map<String, Boolean> lastUnschedulable = new HashMap<>();
  private final Map<String, EventRecorder> recorders = new HashMap<>();

  NodeStatusEvents(ResourceOperations operations) {
    this.operations = operations;
    this.nodes = operations.registry().find("", "v1", "nodes").orElseThrow();
  }

  ControllerSpec spec() {
    return ControllerSpec.builder("kubelet-node-status", nodes).reconciler(this::reconcile).build();
  }

  Result reconcile(ObjectKey key) {
    StoredObject stored = operations.store().get(nodes.storageResource(), "", key.name());
    if (stored == null) {
      lastUnschedulable.remove(key.name());
      recorders.remove(key.name());
      return Result.done();
    }
    JsonNode node = operations.storageTree(stored);
    if (!node.path("spec").path("providerID").asText("").startsWith("kubemu://")) {
      return Result.done();
    }
    String name = Meta.name(node);
    EventRecorder events = recorders.computeIfAbsent(name, n -> new EventRecorder(operations, "kubelet", n));
    ObjectNode ref = nodeRef(name);
    Boolean last = lastUnschedulable.get(name);
    if (last == null) {
      events.normal(ref, "Starting", "Starting kubelet.");
      for (String reason : startupReasons(node)) {
        events.normal(ref, reason, reason.equals("NodeAllocatableEnforced")
            ? "Updated Node Allocatable limit across pods" : statusMessage(name, reason));
      }
      last = false;
    }
    boolean unschedulable = node.path("spec").path("unschedulable").asBoolean(false);
    if (unschedulable != last) {
      String reason = unschedulable ? "NodeNotSchedulable" : "NodeSchedulable";
      events.normal(ref, reason, statusMessage(name, reason));
    }
    lastUnschedulable.put(name, unschedulable);
    return Result.done();
  }

  /** The kubelet's wording for a node status event. */
  static String statusMessage(String node, String reason) {
    return "Node " + node + " status is now: " + reason;
  }

  /**
   * The reasons a starting kubelet records, in its order: the pressure conditions as it first sets them, the
   * allocatable enforcement, then readiness.
   */
  static List<String> startupReasons(JsonNode node) {
    var reasons = new ArrayList<String>();
    for (String type : List.of("MemoryPressure", "DiskPressure", "PIDPressure")) {
      String status = conditionStatus(node, type);
      if (status != null) {
        boolean pressure = status.equals("True");
        reasons.add(switch (type) {
          case "MemoryPressure" -> pressure ? "NodeHasInsufficientMemory" : "NodeHasSufficientMemory";
          case "DiskPressure" -> pressure ? "NodeHasDiskPressure" : "NodeHasNoDiskPressure";
          default -> pressure ? "NodeHasInsufficientPID" : "NodeHasSufficientPID";
        });
      }
    }
    reasons.add("NodeAllocatableEnforced");
    String readyStatus = conditionStatus(node, "Ready");
    if (readyStatus != null) {
      reasons.add(readyStatus.equals("True") ? "NodeReady" : "NodeNotReady");
    }
    return reasons;
  }

  private static String conditionStatus(JsonNode node, String type) {
    for (JsonNode c : node.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("status").asText();
      }
    }
    return null;
  }

  /** The kubelet's reference to its node: kind and name, with the name as uid. */
  private static ObjectNode nodeRef(String name) {
    ObjectNode ref = Json.object();
    ref.put("kind", "Node");
    ref.putObject("metadata").put("name", name).put("uid", name);
    return ref;
  }
}
