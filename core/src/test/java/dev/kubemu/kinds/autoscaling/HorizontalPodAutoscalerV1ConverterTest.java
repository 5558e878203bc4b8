package dev.kubemu.kinds.autoscaling;

import static dev.kubemu.kinds.autoscaling.HorizontalPodAutoscalerV1Converter.BEHAVIOR_ANNOTATION;
import static dev.kubemu.kinds.autoscaling.HorizontalPodAutoscalerV1Converter.CONDITIONS_ANNOTATION;
import static dev.kubemu.kinds.autoscaling.HorizontalPodAutoscalerV1Converter.CURRENT_METRICS_ANNOTATION;
import static dev.kubemu.kinds.autoscaling.HorizontalPodAutoscalerV1Converter.METRICS_ANNOTATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HorizontalPodAutoscalerV1ConverterTest {
  private final HorizontalPodAutoscalerV1Converter converter = new HorizontalPodAutoscalerV1Converter();

  /** What {@code kubectl autoscale deployment web --min=2 --max=10 --cpu-percent=50} posts. */
  private static final String KUBECTL_AUTOSCALE = """
      {"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v1","metadata":{"name":"web"},
       "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},"minReplicas":2,
       "maxReplicas":10,"targetCPUUtilizationPercentage":50},"status":{"currentReplicas":0,"desiredReplicas":0}}""";

  private static final String BEHAVIOR = """
      {"scaleUp":{"stabilizationWindowSeconds":0,"selectPolicy":"Max","policies":[
          {"type":"Pods","value":4,"periodSeconds":15},{"type":"Percent","value":100,"periodSeconds":15}]},
       "scaleDown":{"stabilizationWindowSeconds":300,"selectPolicy":"Max","policies":[
          {"type":"Percent","value":100,"periodSeconds":15}]}}""";

  private static final String CONDITIONS = """
      [{"type":"AbleToScale","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z",
        "reason":"SucceededRescale","message":"the HPA controller was able to update the target scale to 4"},
       {"type":"ScalingActive","status":"True","lastTransitionTime":"2024-05-01T10:00:00Z",
        "reason":"ValidMetricFound",
        "message":"the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)"},
       {"type":"ScalingLimited","status":"False","lastTransitionTime":"2024-05-01T10:00:00Z",
        "reason":"DesiredWithinRange","message":"the desired count is within the acceptable range"}]""";

  @Test
  void kubectlAutoscaleBodyRoundTripsThroughV2Unchanged() {
    ObjectNode v1 = parse(KUBECTL_AUTOSCALE);

    ObjectNode stored = toStorage(v1);

    assertThat(stored).isEqualTo(parse("""
        {"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v2","metadata":{"name":"web"},
         "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},"minReplicas":2,
         "maxReplicas":10,"metrics":[{"type":"Resource","resource":{"name":"cpu",
           "target":{"type":"Utilization","averageUtilization":50}}}]},
         "status":{"currentReplicas":0,"desiredReplicas":0}}"""));
    ObjectNode back = fromStorage(stored);
    assertThat(Json.string(back)).isEqualTo(Json.string(v1));
  }

  @Test
  void otherMetricsAndBehaviorTravelInAnnotationsAndComeBack() {
    ObjectNode v2 = parse("""
        {"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v2",
         "metadata":{"name":"api","namespace":"shop","annotations":{"team":"payments"}},
         "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"api"},"minReplicas":2,
          "maxReplicas":20,"metrics":[
           {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"512Mi"}}},
           {"type":"Pods","pods":{"metric":{"name":"packets-per-second"},
             "target":{"type":"AverageValue","averageValue":"1k"}}},
           {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}}],
          "behavior":%s},
         "status":{"currentReplicas":2,"desiredReplicas":2}}""".formatted(BEHAVIOR));

    ObjectNode v1 = fromStorage(v2);

    assertThat(v1.get("spec")).isEqualTo(parse("""
        {"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"api"},"minReplicas":2,
         "maxReplicas":20,"targetCPUUtilizationPercentage":60}"""));
    JsonNode annotations = v1.path("metadata").path("annotations");
    assertThat(annotations.path("team").asText()).isEqualTo("payments");
    assertThat(annotations.path(METRICS_ANNOTATION).asText()).isEqualTo(
        "[{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\",\"targetAverageValue\":\"512Mi\"}},"
            + "{\"type\":\"Pods\",\"pods\":{\"metricName\":\"packets-per-second\",\"targetAverageValue\":\"1k\"}}]");
    assertThat(annotations.path(BEHAVIOR_ANNOTATION).asText()).isEqualTo(
        "{\"ScaleUp\":{\"StabilizationWindowSeconds\":0,\"SelectPolicy\":\"Max\",\"Policies\":["
            + "{\"Type\":\"Pods\",\"Value\":4,\"PeriodSeconds\":15},{\"Type\":\"Percent\",\"Value\":100,"
            + "\"PeriodSeconds\":15}],\"Tolerance\":null},\"ScaleDown\":{\"StabilizationWindowSeconds\":300,"
            + "\"SelectPolicy\":\"Max\",\"Policies\":[{\"Type\":\"Percent\",\"Value\":100,\"PeriodSeconds\":15}],"
            + "\"Tolerance\":null}}");
    assertThat(annotations.has(CURRENT_METRICS_ANNOTATION)).isFalse();
    assertThat(v1.get("status")).isEqualTo(parse("{\"currentReplicas\":2,\"desiredReplicas\":2}"));

    assertThat(toStorage(v1)).isEqualTo(v2);
  }

  @Test
  void statusWithConditionsAndCurrentMetricsRoundTrips() {
    ObjectNode v2 = parse("""
        {"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v2","metadata":{"name":"api"},
         "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"api"},"minReplicas":1,
          "maxReplicas":10,"metrics":[
           {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"512Mi"}}},
           {"type":"Pods","pods":{"metric":{"name":"packets-per-second"},
             "target":{"type":"AverageValue","averageValue":"1k"}}},
           {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}}]},
         "status":{"observedGeneration":3,"lastScaleTime":"2024-05-01T10:02:00Z","currentReplicas":3,
          "desiredReplicas":4,"currentMetrics":[
           {"type":"Resource","resource":{"name":"memory","current":{"averageValue":"288Mi"}}},
           {"type":"Pods","pods":{"metric":{"name":"packets-per-second"},"current":{"averageValue":"850"}}},
           {"type":"Resource","resource":{"name":"cpu","current":{"averageValue":"180m","averageUtilization":72}}}],
          "conditions":%s}}""".formatted(CONDITIONS));

    ObjectNode v1 = fromStorage(v2);

    assertThat(v1.get("status")).isEqualTo(parse("""
        {"observedGeneration":3,"lastScaleTime":"2024-05-01T10:02:00Z","currentReplicas":3,"desiredReplicas":4,
         "currentCPUUtilizationPercentage":72}"""));
    JsonNode annotations = v1.path("metadata").path("annotations");
    assertThat(annotations.path(CURRENT_METRICS_ANNOTATION).asText()).isEqualTo(
        "[{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\",\"currentAverageValue\":\"288Mi\"}},"
            + "{\"type\":\"Pods\",\"pods\":{\"metricName\":\"packets-per-second\",\"currentAverageValue\":\"850\"}},"
            + "{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\",\"currentAverageUtilization\":72,"
            + "\"currentAverageValue\":\"180m\"}}]");
    assertThat(annotations.path(CONDITIONS_ANNOTATION).asText()).isEqualTo(
        "[{\"type\":\"AbleToScale\",\"status\":\"True\",\"lastTransitionTime\":\"2024-05-01T10:00:00Z\","
            + "\"reason\":\"SucceededRescale\",\"message\":\"the HPA controller was able to update the target scale"
            + " to 4\"},{\"type\":\"ScalingActive\",\"status\":\"True\",\"lastTransitionTime\":\"2024-05-01T10:00:00Z\","
            + "\"reason\":\"ValidMetricFound\",\"message\":\"the HPA was able to successfully calculate a replica"
            + " count from cpu resource utilization (percentage of request)\"},{\"type\":\"ScalingLimited\","
            + "\"status\":\"False\",\"lastTransitionTime\":\"2024-05-01T10:00:00Z\",\"reason\":\"DesiredWithinRange\","
            + "\"message\":\"the desired count is within the acceptable range\"}]");
    // Annotations appear in Go's map order (sorted keys).
    assertThat(annotations.fieldNames()).toIterable().containsExactly(
        CONDITIONS_ANNOTATION, CURRENT_METRICS_ANNOTATION, METRICS_ANNOTATION);

    assertThat(toStorage(v1)).isEqualTo(v2);
  }

  @Test
  void withoutACpuMetricV1HasNoCpuTargetAndNothingIsAddedBack() {
    ObjectNode v2 = parse("""
        {"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v2","metadata":{"name":"cache"},
         "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"StatefulSet","name":"cache"},"minReplicas":1,
          "maxReplicas":5,"metrics":[
           {"type":"Resource","resource":{"name":"memory","target":{"type":"Utilization","averageUtilization":75}}}]},
         "status":{"currentReplicas":1,"desiredReplicas":1,"currentMetrics":[
           {"type":"Resource","resource":{"name":"memory","current":{"averageValue":"96Mi","averageUtilization":40}}}]}}""");

    ObjectNode v1 = fromStorage(v2);

    assertThat(v1.path("spec").has("targetCPUUtilizationPercentage")).isFalse();
    assertThat(v1.path("status").has("currentCPUUtilizationPercentage")).isFalse();
    assertThat(v1.path("metadata").path("annotations").path(METRICS_ANNOTATION).asText())
        .isEqualTo("[{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\",\"targetAverageUtilization\":75}}]");
    // The 80% cpu pseudo-default only applies when v1 has no metric at all.
    assertThat(toStorage(v1)).isEqualTo(v2);
  }

  @Test
  void cpuTargetFollowsTheOtherMetricsAfterAV1RoundTrip() {
    ObjectNode v2 = parse("""
        {"metadata":{"name":"web"},"spec":{"maxReplicas":4,"metrics":[
          {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}},
          {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"1Gi"}}}]}}""");

    JsonNode metrics = toStorage(fromStorage(v2)).path("spec").path("metrics");

    assertThat(metrics.get(0).path("resource").path("name").asText()).isEqualTo("memory");
    assertThat(metrics.get(1)).isEqualTo(v2.path("spec").path("metrics").get(0));
  }

  @Test
  void v1WithoutAnyMetricGetsTheEightyPercentCpuTarget() {
    ObjectNode stored = toStorage(parse("""
        {"metadata":{"name":"web"},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":3}}"""));

    assertThat(stored.path("spec").path("metrics")).isEqualTo(tree("""
        [{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":80}}}]"""));
    assertThat(stored.has("status")).isFalse();
  }

  @Test
  void roundTripAnnotationsNeverReachStorage() {
    ObjectNode v1 = parse("""
        {"metadata":{"name":"web","annotations":{"owner":"ops",
          "autoscaling.alpha.kubernetes.io/metrics":"[]",
          "autoscaling.alpha.kubernetes.io/scale-up-tolerance":"50m",
          "autoscaling.alpha.kubernetes.io/conditions":"[]"}},
         "spec":{"maxReplicas":3,"targetCPUUtilizationPercentage":70}}""");

    ObjectNode stored = toStorage(v1);

    assertThat(stored.path("metadata").path("annotations")).isEqualTo(parse("{\"owner\":\"ops\"}"));
    ObjectNode onlyRoundTrip = parse("""
        {"metadata":{"name":"web","annotations":{"autoscaling.alpha.kubernetes.io/behavior":"{}"}},
         "spec":{"maxReplicas":3}}""");
    assertThat(toStorage(onlyRoundTrip).path("metadata").has("annotations")).isFalse();
  }

  @Test
  void staleRoundTripAnnotationsInStorageAreNotShown() {
    ObjectNode stored = parse("""
        {"metadata":{"name":"web","annotations":{"autoscaling.alpha.kubernetes.io/metrics":"[{\\"type\\":\\"Pods\\"}]"}},
         "spec":{"maxReplicas":3,"metrics":[
           {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]}}""");

    ObjectNode v1 = fromStorage(stored);

    assertThat(v1.path("metadata").has("annotations")).isFalse();
    assertThat(v1.path("spec").path("targetCPUUtilizationPercentage").asInt()).isEqualTo(50);
  }

  @Test
  void undecodableAnnotationsAreIgnoredAndDropped() {
    ObjectNode v1 = parse("""
        {"metadata":{"name":"web","annotations":{
          "autoscaling.alpha.kubernetes.io/metrics":"not json",
          "autoscaling.alpha.kubernetes.io/current-metrics":"[{\\"type\\":\\"Pods\\",\\"pods\\":{\\"metricName\\":5}}]",
          "autoscaling.alpha.kubernetes.io/behavior":"[]"}},
         "spec":{"maxReplicas":3,"targetCPUUtilizationPercentage":50},
         "status":{"currentReplicas":1,"desiredReplicas":1,"currentCPUUtilizationPercentage":20}}""");

    ObjectNode stored = toStorage(v1);

    assertThat(stored.path("metadata").has("annotations")).isFalse();
    assertThat(stored.path("spec")).isEqualTo(parse("""
        {"maxReplicas":3,"metrics":[
          {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}]}"""));
    assertThat(stored.path("status").path("currentMetrics")).isEqualTo(tree("""
        [{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":20}}}]"""));
  }

  @Test
  void handWrittenAnnotationsDecodeLikeGoWithDefaultsOfTheV1Types() {
    // An old autoscaling/v1 manifest: Go matches field names case-insensitively.
    String annotation = """
        [{"Type":"Object","Object":{"Target":{"kind":"Service","name":"web"},"metricName":"requests-per-second",
          "targetValue":"2k"}},
         {"type":"External","external":{"metricName":"queue_depth","metricSelector":{"matchLabels":{"queue":"orders"}},
          "targetAverageValue":30}}]""";
    ObjectNode v1 = parse("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"maxReplicas\":3}}");
    v1.withObject("/metadata").putObject("annotations").put(METRICS_ANNOTATION, annotation);

    JsonNode metrics = toStorage(v1).path("spec").path("metrics");

    assertThat(metrics).isEqualTo(tree("""
        [{"type":"Object","object":{"describedObject":{"kind":"Service","name":"web"},
           "target":{"type":"Value","value":"2k"},"metric":{"name":"requests-per-second"}}},
         {"type":"External","external":{"metric":{"name":"queue_depth","selector":{"matchLabels":{"queue":"orders"}}},
           "target":{"type":"AverageValue","averageValue":"30"}}}]"""));
  }

  @Test
  void objectAndExternalMetricsUseTheV1Shapes() {
    ObjectNode v2 = parse("""
        {"metadata":{"name":"web"},"spec":{"maxReplicas":8,"metrics":[
          {"type":"Object","object":{"describedObject":{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","name":"main"},
            "target":{"type":"AverageValue","averageValue":"100"},"metric":{"name":"requests-per-second"}}},
          {"type":"External","external":{"metric":{"name":"queue_depth",
            "selector":{"matchLabels":{"queue":"orders","env":"prod"}}},"target":{"type":"Value","value":"30"}}},
          {"type":"ContainerResource","containerResource":{"name":"cpu","container":"app",
            "target":{"type":"Utilization","averageUtilization":65}}}]}}""");

    ObjectNode v1 = fromStorage(v2);

    assertThat(v1.path("metadata").path("annotations").path(METRICS_ANNOTATION).asText()).isEqualTo(
        "[{\"type\":\"Object\",\"object\":{\"target\":{\"kind\":\"Ingress\",\"name\":\"main\",\"apiVersion\":"
            + "\"networking.k8s.io/v1\"},\"metricName\":\"requests-per-second\",\"targetValue\":\"0\","
            + "\"averageValue\":\"100\"}},{\"type\":\"External\",\"external\":{\"metricName\":\"queue_depth\","
            + "\"metricSelector\":{\"matchLabels\":{\"env\":\"prod\",\"queue\":\"orders\"}},\"targetValue\":\"30\"}},"
            + "{\"type\":\"ContainerResource\",\"containerResource\":{\"name\":\"cpu\",\"targetAverageUtilization\":65,"
            + "\"container\":\"app\"}}]");
    assertThat(v1.path("spec").has("targetCPUUtilizationPercentage")).isFalse();
    // v1 keeps an object metric's target value as a plain quantity, so kube-apiserver adds value "0" on the way back.
    ObjectNode expected = v2.deepCopy();
    ((ObjectNode) expected.at("/spec/metrics/0/object/target")).put("value", "0");
    assertThat(toStorage(v1)).isEqualTo(expected);
  }

  @Test
  void partialBehaviorComesBackAsWritten() {
    ObjectNode v2 = parse("""
        {"metadata":{"name":"web"},"spec":{"maxReplicas":8,"metrics":[
          {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":50}}}],
          "behavior":{"scaleDown":{"policies":[{"type":"Pods","value":1,"periodSeconds":60}],"tolerance":"50m"}}}}""");

    ObjectNode v1 = fromStorage(v2);

    assertThat(v1.path("metadata").path("annotations").path(BEHAVIOR_ANNOTATION).asText()).isEqualTo(
        "{\"ScaleUp\":null,\"ScaleDown\":{\"StabilizationWindowSeconds\":null,\"SelectPolicy\":null,"
            + "\"Policies\":[{\"Type\":\"Pods\",\"Value\":1,\"PeriodSeconds\":60}],\"Tolerance\":\"50m\"}}");
    assertThat(toStorage(v1)).isEqualTo(v2);
  }

  // ---------------------------------------------------------------- helpers: what VersionViews does around a converter

  private ObjectNode toStorage(ObjectNode v1) {
    ObjectNode stored = converter.toStorage(v1.deepCopy());
    if (stored.has("apiVersion")) {
      stored.put("apiVersion", "autoscaling/v2");
    }
    return stored;
  }

  private ObjectNode fromStorage(ObjectNode stored) {
    ObjectNode v1 = converter.fromStorage(stored.deepCopy());
    if (v1.has("apiVersion")) {
      v1.put("apiVersion", "autoscaling/v1");
    }
    return v1;
  }

  static ObjectNode parse(String json) {
    return (ObjectNode) tree(json);
  }

  static JsonNode tree(String json) {
    return Json.parseTrusted(json.getBytes(StandardCharsets.UTF_8));
  }
}
