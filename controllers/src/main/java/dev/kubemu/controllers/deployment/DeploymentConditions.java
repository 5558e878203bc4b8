package dev.kubemu.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;

/**
 * Deployment condition bookkeeping as kube's SetDeploymentCondition does it: a condition whose status and reason are
 * unchanged stays as it is; otherwise the old one is removed and the new one appended (which is why Available ends
 * up before Progressing); {@code lastTransitionTime} moves only when the status changes.
 */
final class DeploymentConditions {
  private DeploymentConditions() {}

  static JsonNode find(JsonNode conditions, String type) {
    for (JsonNode c : conditions) {
      if (c.path("type").asText().equals(type)) {
        return c;
      }
    }
    return null;
  }

  static void set(ObjectNode status, String type, String value, String reason, String message, String now) {
    ArrayNode conditions = status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
    JsonNode current = find(conditions, type);
    if (current != null && current.path("status").asText().equals(value)
        && current.path("reason").asText().equals(reason)) {
      return;
    }
    ObjectNode next = Json.object();
    next.put("type", type);
    next.put("status", value);
    next.put("lastUpdateTime", now);
    next.put("lastTransitionTime", current != null && current.path("status").asText().equals(value)
        ? current.path("lastTransitionTime").asText() : now);
    next.put("reason", reason);
    next.put("message", message);
    for (int i = conditions.size() - 1; i >= 0; i--) {
      if (conditions.get(i).path("type").asText().equals(type)) {
        conditions.remove(i);
      }
    }
    conditions.add(next);
  }

  /** Refreshes {@code lastUpdateTime} (and message) of a condition that keeps its status and reason. */
  static void touch(ObjectNode status, String type, String message, String now) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals(type) && c instanceof ObjectNode o) {
        o.put("lastUpdateTime", now);
        o.put("message", message);
      }
    }
  }
}
