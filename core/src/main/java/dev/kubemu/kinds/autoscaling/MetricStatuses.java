package dev.kubemu.kinds.autoscaling;

import static dev.kubemu.kinds.autoscaling.GoJson.copyPresent;
import static dev.kubemu.kinds.autoscaling.GoJson.present;
import static dev.kubemu.kinds.autoscaling.GoJson.presentOr;
import static dev.kubemu.kinds.autoscaling.GoJson.textOrEmpty;
import static dev.kubemu.kinds.autoscaling.MetricSpecs.setIfPresent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One autoscaling/v2 {@code status.currentMetrics} entry and the autoscaling/v1 {@code MetricStatus} that the
 * {@code autoscaling.alpha.kubernetes.io/current-metrics} annotation lists. v1 keeps several values as non-pointer
 * quantities, so a value v2 left unset comes back from v1 as {@code "0"}, exactly as in kube-apiserver.
 */
final class MetricStatuses {
  private static final TextNode ZERO = TextNode.valueOf("0");

  private MetricStatuses() {}

  /** The v2 entry a v1 {@code currentCPUUtilizationPercentage} stands for. */
  static ObjectNode cpuUtilization(JsonNode percentage) {
    ObjectNode metric = GoJson.object();
    metric.put("type", "Resource");
    ObjectNode resource = metric.putObject("resource");
    resource.put("name", "cpu");
    resource.putObject("current").set("averageUtilization", percentage.deepCopy());
    return metric;
  }

  /** The utilization a v2 entry reports for cpu, or {@code null}. */
  static JsonNode cpuUtilizationOf(JsonNode metric) {
    JsonNode resource = present(metric, "resource");
    if (!"Resource".equals(metric.path("type").asText(null)) || resource == null
        || !"cpu".equals(resource.path("name").asText(null))) {
      return null;
    }
    return present(resource.get("current"), "averageUtilization");
  }

  // ---------------------------------------------------------------- v2 (stored) -> v1 annotation entry

  static ObjectNode toV1(JsonNode metric) {
    ObjectNode out = GoJson.object();
    out.set("type", textOrEmpty(metric.get("type")));
    JsonNode source;
    if ((source = present(metric, "object")) != null) {
      JsonNode current = source.path("current");
      ObjectNode v1 = out.putObject("object");
      v1.set("target", V1Refs.toV1(source.path("describedObject")));
      v1.set("metricName", textOrEmpty(source.path("metric").get("name")));
      v1.set("currentValue", presentOr(current, "value", ZERO));
      V1Refs.selectorToV1(source.path("metric"), "selector", v1, "selector");
      copyPresent(current, "averageValue", v1, "averageValue");
    }
    if ((source = present(metric, "pods")) != null) {
      ObjectNode v1 = out.putObject("pods");
      v1.set("metricName", textOrEmpty(source.path("metric").get("name")));
      v1.set("currentAverageValue", presentOr(source.path("current"), "averageValue", ZERO));
      V1Refs.selectorToV1(source.path("metric"), "selector", v1, "selector");
    }
    if ((source = present(metric, "resource")) != null) {
      out.set("resource", resourceToV1(source, false));
    }
    if ((source = present(metric, "containerResource")) != null) {
      out.set("containerResource", resourceToV1(source, true));
    }
    if ((source = present(metric, "external")) != null) {
      JsonNode current = source.path("current");
      ObjectNode v1 = out.putObject("external");
      v1.set("metricName", textOrEmpty(source.path("metric").get("name")));
      V1Refs.selectorToV1(source.path("metric"), "selector", v1, "metricSelector");
      v1.set("currentValue", presentOr(current, "value", ZERO));
      copyPresent(current, "averageValue", v1, "currentAverageValue");
    }
    return out;
  }

  private static ObjectNode resourceToV1(JsonNode source, boolean container) {
    JsonNode current = source.path("current");
    ObjectNode v1 = GoJson.object();
    v1.set("name", textOrEmpty(source.get("name")));
    copyPresent(current, "averageUtilization", v1, "currentAverageUtilization");
    v1.set("currentAverageValue", presentOr(current, "averageValue", ZERO));
    if (container) {
      v1.set("container", textOrEmpty(source.get("container")));
    }
    return v1;
  }

  // ---------------------------------------------------------------- v1 annotation entry -> v2 (stored)

  static ObjectNode toV2(JsonNode v1) {
    GoJson.struct(v1, "metric status");
    ObjectNode out = GoJson.object();
    if (v1 == null || v1.isNull()) {
      out.put("type", "");
      return out;
    }
    out.set("type", GoJson.stringOrEmpty(v1, "type"));
    JsonNode source;
    if ((source = GoJson.structMember(v1, "object")) != null) {
      ObjectNode v2 = out.putObject("object");
      v2.set("metric", V1Refs.identifier(source, "metricName", "selector"));
      ObjectNode current = v2.putObject("current");
      current.set("value", GoJson.quantityOrZero(source, "currentValue"));
      setIfPresent(current, "averageValue", GoJson.quantity(source, "averageValue"));
      v2.set("describedObject", V1Refs.toV2(GoJson.structMember(source, "target")));
    }
    if ((source = GoJson.structMember(v1, "pods")) != null) {
      ObjectNode v2 = out.putObject("pods");
      v2.set("metric", V1Refs.identifier(source, "metricName", "selector"));
      v2.putObject("current").set("averageValue", GoJson.quantityOrZero(source, "currentAverageValue"));
    }
    if ((source = GoJson.structMember(v1, "resource")) != null) {
      out.set("resource", resourceToV2(source, false));
    }
    if ((source = GoJson.structMember(v1, "containerResource")) != null) {
      out.set("containerResource", resourceToV2(source, true));
    }
    if ((source = GoJson.structMember(v1, "external")) != null) {
      ObjectNode v2 = out.putObject("external");
      v2.set("metric", V1Refs.identifier(source, "metricName", "metricSelector"));
      ObjectNode current = v2.putObject("current");
      current.set("value", GoJson.quantityOrZero(source, "currentValue"));
      setIfPresent(current, "averageValue", GoJson.quantity(source, "currentAverageValue"));
    }
    return out;
  }

  private static ObjectNode resourceToV2(JsonNode source, boolean container) {
    ObjectNode v2 = GoJson.object();
    v2.set("name", GoJson.stringOrEmpty(source, "name"));
    ObjectNode current = v2.putObject("current");
    current.set("averageValue", GoJson.quantityOrZero(source, "currentAverageValue"));
    setIfPresent(current, "averageUtilization", GoJson.int32(source, "currentAverageUtilization"));
    if (container) {
      v2.set("container", GoJson.stringOrEmpty(source, "container"));
    }
    return v2;
  }
}
