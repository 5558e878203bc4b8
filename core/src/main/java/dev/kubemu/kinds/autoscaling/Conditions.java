package dev.kubemu.kinds.autoscaling;

import static dev.kubemu.kinds.autoscaling.GoJson.present;
import static dev.kubemu.kinds.autoscaling.GoJson.textOrEmpty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * {@code status.conditions} and the {@code autoscaling.alpha.kubernetes.io/conditions} annotation, which lists v1
 * {@code HorizontalPodAutoscalerCondition}s: type and status always, lastTransitionTime always (a struct, so a zero
 * time is {@code null}), reason and message only when not empty.
 */
final class Conditions {
  private Conditions() {}

  static ObjectNode toV1(JsonNode condition) {
    ObjectNode out = GoJson.object();
    out.set("type", textOrEmpty(condition.get("type")));
    out.set("status", textOrEmpty(condition.get("status")));
    JsonNode time = present(condition, "lastTransitionTime");
    out.set("lastTransitionTime", time == null ? NullNode.instance : time.deepCopy());
    putIfNotEmpty(out, "reason", present(condition, "reason"));
    putIfNotEmpty(out, "message", present(condition, "message"));
    return out;
  }

  static ObjectNode toV2(JsonNode v1) {
    GoJson.struct(v1, "condition");
    ObjectNode out = GoJson.object();
    if (v1 == null || v1.isNull()) {
      out.put("type", "");
      out.put("status", "");
      return out;
    }
    out.set("type", GoJson.stringOrEmpty(v1, "type"));
    out.set("status", GoJson.stringOrEmpty(v1, "status"));
    TextNode time = GoJson.string(v1, "lastTransitionTime");
    if (time != null) {
      out.set("lastTransitionTime", time);
    }
    putIfNotEmpty(out, "reason", GoJson.string(v1, "reason"));
    putIfNotEmpty(out, "message", GoJson.string(v1, "message"));
    return out;
  }

  private static void putIfNotEmpty(ObjectNode out, String name, JsonNode value) {
    if (value != null && !value.asText().isEmpty()) {
      out.set(name, value.deepCopy());
    }
  }
}
