package dev.kubemu.kinds.autoscaling;

import static dev.kubemu.kinds.autoscaling.GoJson.present;
import static dev.kubemu.kinds.autoscaling.GoJson.textOrEmpty;
import static dev.kubemu.kinds.autoscaling.MetricSpecs.setIfPresent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code spec.behavior} and the {@code autoscaling.alpha.kubernetes.io/behavior} annotation. kube-apiserver marshals
 * its <em>internal</em> {@code HorizontalPodAutoscalerBehavior} there, a Go type without json tags, so the keys are Go
 * field names ({@code ScaleUp}, {@code StabilizationWindowSeconds}, {@code Policies}, {@code Type}, ...) and unset
 * pointers appear as {@code null}. {@code Tolerance} is the 1.33 field (HPAConfigurableTolerance), present either way.
 */
final class Behaviors {
  /** A scaling direction's v2 key and internal Go field name. */
  private record Direction(String v2, String internal) {}

  private static final List<Direction> DIRECTIONS =
      List.of(new Direction("scaleUp", "ScaleUp"), new Direction("scaleDown", "ScaleDown"));

  private Behaviors() {}

  static ObjectNode toInternal(JsonNode behavior) {
    ObjectNode out = GoJson.object();
    for (Direction direction : DIRECTIONS) {
      JsonNode rules = present(behavior, direction.v2());
      out.set(direction.internal(), rules == null ? NullNode.instance : rulesToInternal(rules));
    }
    return out;
  }

  private static ObjectNode rulesToInternal(JsonNode rules) {
    ObjectNode out = GoJson.object();
    out.set("StabilizationWindowSeconds", orNull(rules, "stabilizationWindowSeconds"));
    out.set("SelectPolicy", orNull(rules, "selectPolicy"));
    JsonNode policies = present(rules, "policies");
    if (policies == null || !policies.isArray()) {
      out.putNull("Policies");
    } else {
      ArrayNode list = out.putArray("Policies");
      for (JsonNode policy : policies) {
        ObjectNode entry = list.addObject();
        entry.set("Type", textOrEmpty(policy.get("type")));
        entry.set("Value", orZero(policy, "value"));
        entry.set("PeriodSeconds", orZero(policy, "periodSeconds"));
      }
    }
    out.set("Tolerance", orNull(rules, "tolerance"));
    return out;
  }

  private static JsonNode orNull(JsonNode object, String name) {
    JsonNode value = present(object, name);
    return value == null ? NullNode.instance : value.deepCopy();
  }

  private static JsonNode orZero(JsonNode object, String name) {
    JsonNode value = present(object, name);
    return value == null ? IntNode.valueOf(0) : value.deepCopy();
  }

  /**
   * The v2 behavior the annotation holds, or {@code null} when it names neither direction (kube-apiserver then leaves
   * {@code spec.behavior} unset). Only what the annotation says is set: filling in the other direction's defaults is
   * autoscaling/v2 defaulting, which is not this converter's job.
   */
  static ObjectNode fromInternal(JsonNode internal) {
    if (GoJson.struct(internal, "behavior") == null) {
      return null;
    }
    ObjectNode out = GoJson.object();
    for (Direction direction : DIRECTIONS) {
      JsonNode rules = GoJson.structMember(internal, direction.internal());
      if (rules != null) {
        out.set(direction.v2(), rulesFromInternal(rules));
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static ObjectNode rulesFromInternal(JsonNode rules) {
    ObjectNode out = GoJson.object();
    setIfPresent(out, "stabilizationWindowSeconds", GoJson.int32(rules, "StabilizationWindowSeconds"));
    setIfPresent(out, "selectPolicy", GoJson.string(rules, "SelectPolicy"));
    JsonNode policies = GoJson.sliceMember(rules, "Policies");
    if (policies != null && !policies.isEmpty()) {
      ArrayNode list = out.putArray("policies");
      for (JsonNode policy : policies) {
        GoJson.struct(policy, "policy");
        ObjectNode entry = list.addObject();
        boolean zero = policy == null || policy.isNull();
        entry.set("type", zero ? textOrEmpty(null) : GoJson.stringOrEmpty(policy, "Type"));
        entry.set("value", zero ? IntNode.valueOf(0) : intOrZero(policy, "Value"));
        entry.set("periodSeconds", zero ? IntNode.valueOf(0) : intOrZero(policy, "PeriodSeconds"));
      }
    }
    setIfPresent(out, "tolerance", GoJson.quantity(rules, "Tolerance"));
    return out;
  }

  private static JsonNode intOrZero(JsonNode object, String name) {
    JsonNode value = GoJson.int32(object, name);
    return value == null ? IntNode.valueOf(0) : value;
  }
}
