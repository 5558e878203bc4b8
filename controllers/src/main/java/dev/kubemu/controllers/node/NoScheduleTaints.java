package dev.kubemu.controllers.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The NoSchedule taints the node lifecycle controller keeps in step with a node (TaintNodesByCondition): one per
 * adverse condition and {@code node.kubernetes.io/unschedulable} while the node is cordoned. Pure: given the node,
 * it says what {@code spec.taints} should become.
 */
final class NoScheduleTaints {
  static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

  /** Condition type → (status → taint key), as kube-controller-manager maps them. */
  private static final Map<String, Map<String, String>> BY_CONDITION = Map.of(
      "Ready", Map.of("False", "node.kubernetes.io/not-ready", "Unknown", "node.kubernetes.io/unreachable"),
      "MemoryPressure", Map.of("True", "node.kubernetes.io/memory-pressure"),
      "DiskPressure", Map.of("True", "node.kubernetes.io/disk-pressure"),
      "NetworkUnavailable", Map.of("True", "node.kubernetes.io/network-unavailable"),
      "PIDPressure", Map.of("True", "node.kubernetes.io/pid-pressure"));

  private NoScheduleTaints() {}

  /** Every key this controller owns with effect NoSchedule; taints with other keys are the user's. */
  private static boolean managed(String key) {
    if (key.equals(UNSCHEDULABLE)) {
      return true;
    }
    for (Map<String, String> keys : BY_CONDITION.values()) {
      if (keys.containsValue(key)) {
        return true;
      }
    }
    return false;
  }

  static Set<String> desired(JsonNode node) {
    var keys = new LinkedHashSet<String>();
    for (JsonNode c : node.path("status").path("conditions")) {
      String key = BY_CONDITION.getOrDefault(c.path("type").asText(), Map.of()).get(c.path("status").asText());
      if (key != null) {
        keys.add(key);
      }
    }
    if (node.path("spec").path("unschedulable").asBoolean(false)) {
      keys.add(UNSCHEDULABLE);
    }
    return keys;
  }

  /**
   * The taints the node should have: its own taints minus the managed NoSchedule ones no longer called for, plus
   * the missing ones stamped {@code timeAdded = now}; null when nothing changes.
   */
  static ArrayNode reconcile(JsonNode node, String now) {
    Set<String> wanted = desired(node);
    ArrayNode next = Json.array();
    boolean changed = false;
    var present = new LinkedHashSet<String>();
    for (JsonNode t : node.path("spec").path("taints")) {
      String key = t.path("key").asText("");
      boolean noSchedule = t.path("effect").asText("").equals("NoSchedule");
      if (noSchedule && managed(key) && !wanted.contains(key)) {
        changed = true;
        continue;
      }
      if (noSchedule) {
        present.add(key);
      }
      next.add(t.deepCopy());
    }
    for (String key : wanted) {
      if (!present.contains(key)) {
        ObjectNode taint = next.addObject();
        taint.put("effect", "NoSchedule");
        taint.put("key", key);
        taint.put("timeAdded", now);
        changed = true;
      }
    }
    return changed ? next : null;
  }
}
