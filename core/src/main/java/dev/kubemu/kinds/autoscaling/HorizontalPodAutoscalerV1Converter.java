package dev.kubemu.kinds.autoscaling;

import static dev.kubemu.kinds.autoscaling.GoJson.copyPresent;
import static dev.kubemu.kinds.autoscaling.GoJson.present;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.registry.VersionConverter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Serves autoscaling/v1 HorizontalPodAutoscalers from autoscaling/v2 storage the way kube-apiserver 1.33 converts them
 * ({@code pkg/apis/autoscaling/v1/conversion.go}).
 *
 * <p>v1 can only say {@code targetCPUUtilizationPercentage} (the first cpu Resource metric with a Utilization target)
 * and {@code currentCPUUtilizationPercentage} (the last cpu entry of {@code status.currentMetrics} that reports a
 * utilization). Everything else travels in annotations of the v1 view, as JSON of the types kube-apiserver marshals:
 * <ul>
 *   <li>{@value #METRICS_ANNOTATION}: every other metric, as a list of v1 {@code MetricSpec} (v2beta1-style keys such
 *       as {@code targetAverageValue}, {@code metricName});</li>
 *   <li>{@value #CURRENT_METRICS_ANNOTATION}: all of {@code status.currentMetrics} (cpu included, to keep its raw
 *       value), as v1 {@code MetricStatus};</li>
 *   <li>{@value #BEHAVIOR_ANNOTATION}: {@code spec.behavior} as the <em>internal</em> Go type, whose keys are Go field
 *       names ({@code {"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max","Policies":[{"Type":"Pods",
 *       "Value":4,"PeriodSeconds":15}],"Tolerance":null},"ScaleDown":null}});</li>
 *   <li>{@value #CONDITIONS_ANNOTATION}: {@code status.conditions} as v1 conditions.</li>
 * </ul>
 * Converting back restores those fields and removes every round-trip annotation, so v2 clients and storage never see
 * them; stale ones in storage are dropped before the v1 view adds its own. An annotation that does not decode is
 * ignored (and still removed), as kube-apiserver does.
 *
 * <p>Assumptions and known consequences, all shared with kube-apiserver:
 * <ul>
 *   <li>A v1 object with neither a cpu target nor other metrics gets one cpu metric at 80% utilization here: that
 *       pseudo-default is part of the v1 conversion itself. The v2 defaults (minReplicas 1, cpu 80% for an empty metric
 *       list, filling unset behavior rules) are applied elsewhere; stored objects are assumed already defaulted, so an
 *       empty stored metric list would come back from a v1 round trip as cpu 80%.</li>
 *   <li>After a v1 round trip the cpu utilization metric is the last metric; the others keep their order.</li>
 *   <li>Fields v1 keeps as non-pointer quantities come back as {@code "0"} when v2 left them unset (an Object metric's
 *       {@code value}, a Resource status's {@code averageValue}, ...).</li>
 *   <li>Fields are mapped where present; Go's encoding of absent zero values is not emulated (except inside the
 *       annotations, whose strings match Go's {@code json.Marshal}). Quantities are copied, not canonicalised.</li>
 * </ul>
 */
public final class HorizontalPodAutoscalerV1Converter implements VersionConverter {
  public static final String METRICS_ANNOTATION = "autoscaling.alpha.kubernetes.io/metrics";
  public static final String CURRENT_METRICS_ANNOTATION = "autoscaling.alpha.kubernetes.io/current-metrics";
  public static final String CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions";
  public static final String BEHAVIOR_ANNOTATION = "autoscaling.alpha.kubernetes.io/behavior";
  /** Written by the v2beta2 conversion (not served in 1.33); dropped here all the same, as kube-apiserver does. */
  public static final String SCALE_UP_TOLERANCE_ANNOTATION = "autoscaling.alpha.kubernetes.io/scale-up-tolerance";
  public static final String SCALE_DOWN_TOLERANCE_ANNOTATION = "autoscaling.alpha.kubernetes.io/scale-down-tolerance";

  /** Annotations that only exist to carry fields across versions; never stored, never shown to v2 clients. */
  public static final List<String> ROUND_TRIP_ANNOTATIONS = List.of(METRICS_ANNOTATION, BEHAVIOR_ANNOTATION,
      SCALE_DOWN_TOLERANCE_ANNOTATION, SCALE_UP_TOLERANCE_ANNOTATION, CURRENT_METRICS_ANNOTATION,
      CONDITIONS_ANNOTATION);

  /** autoscaling.DefaultCPUUtilization. */
  static final int DEFAULT_CPU_UTILIZATION = 80;

  // ---------------------------------------------------------------- v1 (served) -> v2 (storage)

  @Override
  public ObjectNode toStorage(ObjectNode served) {
    JsonNode annotations = served.path("metadata").path("annotations");
    served.set("spec", specToV2(served.path("spec"), annotations));
    ObjectNode status = statusToV2(present(served, "status"), annotations);
    if (status == null) {
      served.remove("status");
    } else {
      served.set("status", status);
    }
    dropRoundTripAnnotations(served);
    return served;
  }

  private static ObjectNode specToV2(JsonNode spec, JsonNode annotations) {
    ObjectNode out = GoJson.object();
    copyPresent(spec, "scaleTargetRef", out, "scaleTargetRef");
    copyPresent(spec, "minReplicas", out, "minReplicas");
    copyPresent(spec, "maxReplicas", out, "maxReplicas");
    ArrayNode metrics = GoJson.array();
    ArrayNode others = decodeList(annotations, METRICS_ANNOTATION, MetricSpecs::toV2);
    if (others != null) {
      metrics.addAll(others);
    }
    // The cpu target follows the annotated metrics, which is why it moves to the end of the list.
    JsonNode cpu = present(spec, "targetCPUUtilizationPercentage");
    if (cpu != null) {
      metrics.add(MetricSpecs.cpuUtilization(cpu));
    }
    if (metrics.isEmpty()) {
      // autoscaling/v1 used to leave this default to the controller; the conversion makes it explicit.
      metrics.add(MetricSpecs.cpuUtilization(IntNode.valueOf(DEFAULT_CPU_UTILIZATION)));
    }
    out.set("metrics", metrics);
    String behavior = annotation(annotations, BEHAVIOR_ANNOTATION);
    if (behavior != null) {
      try {
        ObjectNode decoded = Behaviors.fromInternal(GoJson.parse(behavior));
        if (decoded != null) {
          out.set("behavior", decoded);
        }
      } catch (GoJson.Malformed ignored) {
        // kube-apiserver ignores an annotation it cannot decode.
      }
    }
    return out;
  }

  /** The v2 status, or {@code null} when v1 had none and the annotations add nothing. */
  private static ObjectNode statusToV2(JsonNode status, JsonNode annotations) {
    ObjectNode out = GoJson.object();
    copyPresent(status, "observedGeneration", out, "observedGeneration");
    copyPresent(status, "lastScaleTime", out, "lastScaleTime");
    copyPresent(status, "currentReplicas", out, "currentReplicas");
    copyPresent(status, "desiredReplicas", out, "desiredReplicas");
    // The annotation, when it decodes, replaces the cpu figure: it has the raw value as well.
    ArrayNode current = decodeList(annotations, CURRENT_METRICS_ANNOTATION, MetricStatuses::toV2);
    JsonNode cpu = present(status, "currentCPUUtilizationPercentage");
    if (current == null && cpu != null) {
      current = GoJson.array().add(MetricStatuses.cpuUtilization(cpu));
    }
    if (current != null) {
      out.set("currentMetrics", current);
    }
    ArrayNode conditions = decodeList(annotations, CONDITIONS_ANNOTATION, Conditions::toV2);
    if (conditions != null && !conditions.isEmpty()) {
      out.set("conditions", conditions);
    }
    return status == null && out.isEmpty() ? null : out;
  }

  /** Decodes a list annotation; {@code null} when absent or not decodable (Go's {@code null} is an empty list). */
  private static ArrayNode decodeList(JsonNode annotations, String key, Function<JsonNode, ObjectNode> entry) {
    String encoded = annotation(annotations, key);
    if (encoded == null) {
      return null;
    }
    try {
      JsonNode list = GoJson.slice(GoJson.parse(encoded), key);
      ArrayNode out = GoJson.array();
      if (list != null) {
        list.forEach(item -> out.add(entry.apply(item)));
      }
      return out;
    } catch (GoJson.Malformed e) {
      return null;
    }
  }

  private static String annotation(JsonNode annotations, String key) {
    JsonNode value = annotations.get(key);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  // ---------------------------------------------------------------- v2 (storage) -> v1 (served)

  @Override
  public ObjectNode fromStorage(ObjectNode stored) {
    dropRoundTripAnnotations(stored);
    // Sorted, as Go writes map keys, so an object without other annotations matches kube-apiserver byte for byte.
    Map<String, String> added = new TreeMap<>();
    if (stored.get("spec") instanceof ObjectNode spec) {
      stored.set("spec", specToV1(spec, added));
    }
    if (stored.get("status") instanceof ObjectNode status) {
      stored.set("status", statusToV1(status, added));
    }
    if (!added.isEmpty()) {
      ObjectNode metadata = stored.get("metadata") instanceof ObjectNode m ? m : stored.putObject("metadata");
      ObjectNode annotations = metadata.get("annotations") instanceof ObjectNode a ? a
          : metadata.putObject("annotations");
      added.forEach(annotations::put);
    }
    return stored;
  }

  private static ObjectNode specToV1(JsonNode spec, Map<String, String> added) {
    ObjectNode out = GoJson.object();
    copyPresent(spec, "scaleTargetRef", out, "scaleTargetRef");
    copyPresent(spec, "minReplicas", out, "minReplicas");
    copyPresent(spec, "maxReplicas", out, "maxReplicas");
    ArrayNode others = GoJson.array();
    for (JsonNode metric : spec.path("metrics")) {
      if (!MetricSpecs.isCpuUtilization(metric)) {
        others.add(MetricSpecs.toV1(metric));
      } else if (!out.has("targetCPUUtilizationPercentage")) {
        // Every cpu utilization metric is left out of the annotation, but only the first one is shown.
        out.set("targetCPUUtilizationPercentage",
            metric.path("resource").path("target").get("averageUtilization").deepCopy());
      }
    }
    if (!others.isEmpty()) {
      added.put(METRICS_ANNOTATION, GoJson.marshal(others));
    }
    JsonNode behavior = present(spec, "behavior");
    if (behavior != null) {
      added.put(BEHAVIOR_ANNOTATION, GoJson.marshal(Behaviors.toInternal(behavior)));
    }
    return out;
  }

  private static ObjectNode statusToV1(JsonNode status, Map<String, String> added) {
    ObjectNode out = GoJson.object();
    copyPresent(status, "observedGeneration", out, "observedGeneration");
    copyPresent(status, "lastScaleTime", out, "lastScaleTime");
    copyPresent(status, "currentReplicas", out, "currentReplicas");
    copyPresent(status, "desiredReplicas", out, "desiredReplicas");
    JsonNode current = status.path("currentMetrics");
    for (JsonNode metric : current) {
      JsonNode utilization = MetricStatuses.cpuUtilizationOf(metric);
      if (utilization != null) {
        out.set("currentCPUUtilizationPercentage", utilization.deepCopy());
      }
    }
    if (current.isArray() && !current.isEmpty()) {
      ArrayNode list = GoJson.array();
      current.forEach(metric -> list.add(MetricStatuses.toV1(metric)));
      added.put(CURRENT_METRICS_ANNOTATION, GoJson.marshal(list));
    }
    JsonNode conditions = status.path("conditions");
    if (conditions.isArray() && !conditions.isEmpty()) {
      ArrayNode list = GoJson.array();
      conditions.forEach(condition -> list.add(Conditions.toV1(condition)));
      added.put(CONDITIONS_ANNOTATION, GoJson.marshal(list));
    }
    return out;
  }

  // ---------------------------------------------------------------- both ways

  /** Removes the round-trip annotations, and the annotations map itself when that empties it. */
  private static void dropRoundTripAnnotations(ObjectNode object) {
    if (!(object.path("metadata").get("annotations") instanceof ObjectNode annotations)) {
      return;
    }
    boolean removed = false;
    for (String key : ROUND_TRIP_ANNOTATIONS) {
      removed |= annotations.remove(key) != null;
    }
    if (removed && annotations.isEmpty()) {
      ((ObjectNode) object.get("metadata")).remove("annotations");
    }
  }
}
