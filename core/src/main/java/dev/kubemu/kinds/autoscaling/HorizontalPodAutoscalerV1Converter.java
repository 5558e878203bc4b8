package dev.kubemu.kinds.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.VersionConverter;

/**
 * autoscaling/v1 as a view of autoscaling/v2 HorizontalPodAutoscalers (the storage version). The CPU utilization
 * target and current value map to {@code targetCPUUtilizationPercentage} and {@code currentCPUUtilizationPercentage};
 * what v1 cannot express (other metrics, behavior, conditions) travels in the {@code autoscaling.alpha.kubernetes.io/*}
 * annotations, as kube-apiserver keeps it, so a v1 round trip loses nothing. The annotations hold the v2 JSON form.
 */
public final class HorizontalPodAutoscalerV1Converter implements VersionConverter {
  static final String METRICS = "autoscaling.alpha.kubernetes.io/metrics";
  static final String CURRENT_METRICS = "autoscaling.alpha.kubernetes.io/current-metrics";
  static final String CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";
  static final String BEHAVIOR = "autoscaling.alpha.kubernetes.io/behavior";

  @Override
  public ObjectNode toStorage(ObjectNode v1) {
    ObjectNode annotations = annotations(v1);
    ObjectNode spec = v1.get("spec") instanceof ObjectNode s ? s : v1.putObject("spec");
    ArrayNode metrics = Json.array();
    if (spec.has("targetCPUUtilizationPercentage")) {
      ObjectNode m = metrics.addObject();
      m.put("type", "Resource");
      ObjectNode resource = m.putObject("resource");
      resource.put("name", "cpu");
      ObjectNode target = resource.putObject("target");
      target.put("type", "Utilization");
      target.set("averageUtilization", spec.remove("targetCPUUtilizationPercentage"));
    }
    JsonNode extra = parse(annotations == null ? null : annotations.remove(METRICS));
    if (extra instanceof ArrayNode a) {
      metrics.addAll(a);
    }
    if (!metrics.isEmpty()) {
      spec.set("metrics", metrics);
    }
    JsonNode behavior = parse(annotations == null ? null : annotations.remove(BEHAVIOR));
    if (behavior != null) {
      spec.set("behavior", behavior);
    }
    if (v1.get("status") instanceof ObjectNode status) {
      ArrayNode current = Json.array();
      if (status.has("currentCPUUtilizationPercentage")) {
        ObjectNode m = current.addObject();
        m.put("type", "Resource");
        ObjectNode resource = m.putObject("resource");
        resource.put("name", "cpu");
        resource.putObject("current").set("averageUtilization", status.remove("currentCPUUtilizationPercentage"));
      }
      JsonNode more = parse(annotations == null ? null : annotations.remove(CURRENT_METRICS));
      if (more instanceof ArrayNode a) {
        current.addAll(a);
      }
      if (!current.isEmpty()) {
        status.set("currentMetrics", current);
      }
      JsonNode conditions = parse(annotations == null ? null : annotations.remove(CONDITIONS));
      if (conditions != null) {
        status.set("conditions", conditions);
      }
    }
    dropIfEmpty(v1);
    return v1;
  }

  @Override
  public ObjectNode fromStorage(ObjectNode v2) {
    ObjectNode spec = v2.get("spec") instanceof ObjectNode s ? s : v2.putObject("spec");
    JsonNode metrics = spec.remove("metrics");
    ArrayNode others = Json.array();
    if (metrics != null) {
      for (JsonNode m : metrics) {
        if (isCpuUtilization(m, "target") && !spec.has("targetCPUUtilizationPercentage")) {
          spec.set("targetCPUUtilizationPercentage", m.path("resource").path("target").path("averageUtilization"));
        } else {
          others.add(m);
        }
      }
    }
    if (!others.isEmpty()) {
      annotationsForWrite(v2).put(METRICS, others.toString());
    }
    JsonNode behavior = spec.remove("behavior");
    if (behavior != null) {
      annotationsForWrite(v2).put(BEHAVIOR, behavior.toString());
    }
    if (v2.get("status") instanceof ObjectNode status) {
      JsonNode current = status.remove("currentMetrics");
      ArrayNode rest = Json.array();
      if (current != null) {
        for (JsonNode m : current) {
          if (m.path("type").asText().equals("Resource") && m.path("resource").path("name").asText().equals("cpu")
              && m.path("resource").path("current").has("averageUtilization")
              && !status.has("currentCPUUtilizationPercentage")) {
            status.set("currentCPUUtilizationPercentage", m.path("resource").path("current")
                .path("averageUtilization"));
          } else {
            rest.add(m);
          }
        }
      }
      if (!rest.isEmpty()) {
        annotationsForWrite(v2).put(CURRENT_METRICS, rest.toString());
      }
      JsonNode conditions = status.remove("conditions");
      if (conditions != null && !conditions.isEmpty()) {
        annotationsForWrite(v2).put(CONDITIONS, conditions.toString());
      }
    }
    return v2;
  }

  private static boolean isCpuUtilization(JsonNode metric, String field) {
    return metric.path("type").asText().equals("Resource") && metric.path("resource").path("name").asText()
        .equals("cpu") && metric.path("resource").path(field).path("type").asText().equals("Utilization");
  }

  private static ObjectNode annotations(ObjectNode object) {
    JsonNode a = object.path("metadata").get("annotations");
    return a instanceof ObjectNode o ? o : null;
  }

  private static ObjectNode annotationsForWrite(ObjectNode object) {
    ObjectNode meta = object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
    return meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
  }

  private static void dropIfEmpty(ObjectNode object) {
    ObjectNode annotations = annotations(object);
    if (annotations != null && annotations.isEmpty()) {
      ((ObjectNode) object.get("metadata")).remove("annotations");
    }
  }

  private static JsonNode parse(JsonNode text) {
    if (text == null || !text.isTextual()) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(text.asText());
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
