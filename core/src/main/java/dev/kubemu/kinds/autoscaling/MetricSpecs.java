package dev.kubemu.kinds.autoscaling;

import static dev.kubemu.kinds.autoscaling.GoJson.copyPresent;
import static dev.kubemu.kinds.autoscaling.GoJson.present;
import static dev.kubemu.kinds.autoscaling.GoJson.presentOr;
import static dev.kubemu.kinds.autoscaling.GoJson.textOrEmpty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One autoscaling/v2 metric source and the autoscaling/v1 {@code MetricSpec} (the v2beta1-style shape with
 * {@code targetAverageUtilization}, {@code metricName}, ...) that the {@code autoscaling.alpha.kubernetes.io/metrics}
 * annotation lists. Objects are built in Go struct field order so the annotation marshals as kube-apiserver's does.
 */
final class MetricSpecs {
  private MetricSpecs() {}

  /** What v1 folds into {@code targetCPUUtilizationPercentage}: a cpu Resource metric with a utilization target. */
  static boolean isCpuUtilization(JsonNode metric) {
    JsonNode resource = present(metric, "resource");
    return "Resource".equals(metric.path("type").asText(null)) && resource != null
        && "cpu".equals(resource.path("name").asText(null))
        && present(resource.get("target"), "averageUtilization") != null;
  }

  /** The v2 metric a v1 {@code targetCPUUtilizationPercentage} stands for. */
  static ObjectNode cpuUtilization(JsonNode percentage) {
    ObjectNode metric = GoJson.object();
    metric.put("type", "Resource");
    ObjectNode resource = metric.putObject("resource");
    resource.put("name", "cpu");
    ObjectNode target = resource.putObject("target");
    target.put("type", "Utilization");
    target.set("averageUtilization", percentage.deepCopy());
    return metric;
  }

  // ---------------------------------------------------------------- v2 (stored) -> v1 annotation entry

  static ObjectNode toV1(JsonNode metric) {
    ObjectNode out = GoJson.object();
    out.set("type", textOrEmpty(metric.get("type")));
    JsonNode source;
    if ((source = present(metric, "object")) != null) {
      JsonNode target = source.path("target");
      ObjectNode v1 = out.putObject("object");
      v1.set("target", V1Refs.toV1(source.path("describedObject")));
      v1.set("metricName", textOrEmpty(source.path("metric").get("name")));
      v1.set("targetValue", presentOr(target, "value", TextNode.valueOf("0")));
      V1Refs.selectorToV1(source.path("metric"), "selector", v1, "selector");
      copyPresent(target, "averageValue", v1, "averageValue");
    }
    if ((source = present(metric, "pods")) != null) {
      ObjectNode v1 = out.putObject("pods");
      v1.set("metricName", textOrEmpty(source.path("metric").get("name")));
      v1.set("targetAverageValue", presentOr(source.path("target"), "averageValue", TextNode.valueOf("0")));
      V1Refs.selectorToV1(source.path("metric"), "selector", v1, "selector");
    }
    if ((source = present(metric, "resource")) != null) {
      out.set("resource", resourceToV1(source, false));
    }
    if ((source = present(metric, "containerResource")) != null) {
      out.set("containerResource", resourceToV1(source, true));
    }
    if ((source = present(metric, "external")) != null) {
      JsonNode target = source.path("target");
      ObjectNode v1 = out.putObject("external");
      v1.set("metricName", textOrEmpty(source.path("metric").get("name")));
      V1Refs.selectorToV1(source.path("metric"), "selector", v1, "metricSelector");
      copyPresent(target, "value", v1, "targetValue");
      copyPresent(target, "averageValue", v1, "targetAverageValue");
    }
    return out;
  }

  private static ObjectNode resourceToV1(JsonNode source, boolean container) {
    JsonNode target = source.path("target");
    ObjectNode v1 = GoJson.object();
    v1.set("name", textOrEmpty(source.get("name")));
    copyPresent(target, "averageUtilization", v1, "targetAverageUtilization");
    copyPresent(target, "averageValue", v1, "targetAverageValue");
    if (container) {
      v1.set("container", textOrEmpty(source.get("container")));
    }
    return v1;
  }

  // ---------------------------------------------------------------- v1 annotation entry -> v2 (stored)

  /** Decodes one annotation entry as Go would ({@link GoJson.Malformed} on a type mismatch). */
  static ObjectNode toV2(JsonNode v1) {
    GoJson.struct(v1, "metric");
    ObjectNode out = GoJson.object();
    if (v1 == null || v1.isNull()) {
      out.put("type", "");
      return out;
    }
    out.set("type", GoJson.stringOrEmpty(v1, "type"));
    JsonNode source;
    if ((source = GoJson.structMember(v1, "object")) != null) {
      TextNode average = GoJson.quantity(source, "averageValue");
      ObjectNode v2 = out.putObject("object");
      v2.set("describedObject", V1Refs.toV2(GoJson.structMember(source, "target")));
      ObjectNode target = v2.putObject("target");
      // A v1 object metric always has a targetValue (a non-pointer quantity), so v2 always gets a value.
      target.put("type", average == null ? "Value" : "AverageValue");
      target.set("value", GoJson.quantityOrZero(source, "targetValue"));
      setIfPresent(target, "averageValue", average);
      v2.set("metric", V1Refs.identifier(source, "metricName", "selector"));
    }
    if ((source = GoJson.structMember(v1, "pods")) != null) {
      ObjectNode v2 = out.putObject("pods");
      v2.set("metric", V1Refs.identifier(source, "metricName", "selector"));
      ObjectNode target = v2.putObject("target");
      target.put("type", "AverageValue");
      target.set("averageValue", GoJson.quantityOrZero(source, "targetAverageValue"));
    }
    if ((source = GoJson.structMember(v1, "resource")) != null) {
      out.set("resource", resourceToV2(source, false));
    }
    if ((source = GoJson.structMember(v1, "containerResource")) != null) {
      out.set("containerResource", resourceToV2(source, true));
    }
    if ((source = GoJson.structMember(v1, "external")) != null) {
      TextNode value = GoJson.quantity(source, "targetValue");
      ObjectNode v2 = out.putObject("external");
      v2.set("metric", V1Refs.identifier(source, "metricName", "metricSelector"));
      ObjectNode target = v2.putObject("target");
      target.put("type", value == null ? "AverageValue" : "Value");
      setIfPresent(target, "value", value);
      setIfPresent(target, "averageValue", GoJson.quantity(source, "targetAverageValue"));
    }
    return out;
  }

  private static ObjectNode resourceToV2(JsonNode source, boolean container) {
    JsonNode utilization = GoJson.int32(source, "targetAverageUtilization");
    ObjectNode v2 = GoJson.object();
    v2.set("name", GoJson.stringOrEmpty(source, "name"));
    ObjectNode target = v2.putObject("target");
    target.put("type", utilization == null ? "AverageValue" : "Utilization");
    setIfPresent(target, "averageValue", GoJson.quantity(source, "targetAverageValue"));
    setIfPresent(target, "averageUtilization", utilization);
    if (container) {
      v2.set("container", GoJson.stringOrEmpty(source, "container"));
    }
    return v2;
  }

  static void setIfPresent(ObjectNode to, String name, JsonNode value) {
    if (value != null) {
      to.set(name, value);
    }
  }
}
