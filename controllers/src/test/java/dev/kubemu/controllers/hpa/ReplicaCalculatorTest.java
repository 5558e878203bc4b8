package dev.kubemu.controllers.hpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.controllers.hpa.ReplicaCalculator.MetricsException;
import dev.kubemu.controllers.hpa.ReplicaCalculator.PodMetric;
import dev.kubemu.controllers.hpa.ReplicaCalculator.Proposal;
import dev.kubemu.controllers.hpa.ReplicaCalculator.Tolerances;
import dev.kubemu.core.object.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaCalculatorTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  /** Started and Ready long ago: past the cpu initialisation period. */
  private static final String SETTLED = "2026-06-01T11:00:00Z";

  private static JsonNode pod(String name, String phase, String started, String ready, String readySince,
      String cpuRequest) {
    String resources = cpuRequest == null ? "{}" : "{\"requests\":{\"cpu\":\"" + cpuRequest + "\",\"memory\":\"100Mi\"}}";
    String conditions = ready == null ? "[]" : "[{\"type\":\"Ready\",\"status\":\"" + ready
        + "\",\"lastTransitionTime\":\"" + readySince + "\"}]";
    return Json.parseTrusted(("{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"name\":\"app\","
        + "\"resources\":" + resources + "}]},\"status\":{\"phase\":\"" + phase + "\""
        + (started == null ? "" : ",\"startTime\":\"" + started + "\"") + ",\"conditions\":" + conditions + "}}")
        .getBytes());
  }

  private static JsonNode running(String name) {
    return pod(name, "Running", SETTLED, "True", SETTLED, "100m");
  }

  private static PodMetric milli(long value) {
    return new PodMetric(value, NOW.minusSeconds(5), Duration.ofSeconds(15));
  }

  private static Proposal cpu(int current, int target, List<JsonNode> pods, Map<String, PodMetric> metrics)
      throws MetricsException {
    return ReplicaCalculator.utilization(current, target, "cpu", pods, metrics, Tolerances.DEFAULT, NOW);
  }

  @Test
  void theUpstreamWorkedExample() throws MetricsException {
    Proposal p = cpu(3, 50, List.of(running("a"), running("b"), running("c")),
        Map.of("a", milli(60), "b", milli(70), "c", milli(80)));
    assertThat(p).isEqualTo(new Proposal(5, 70, 70));
  }

  @Test
  void aRatioWithinTheToleranceKeepsTheCurrentCount() throws MetricsException {
    Proposal p = cpu(2, 50, List.of(running("a"), running("b")), Map.of("a", milli(52), "b", milli(56)));
    assertThat(p.replicas()).as("54%% of a 50%% target is within 10%%").isEqualTo(2);
    assertThat(p.utilization()).isEqualTo(54);
  }

  @Test
  void utilizationTruncatesAndScalesDown() throws MetricsException {
    Proposal p = cpu(4, 50, List.of(running("a"), running("b"), running("c"), running("d")),
        Map.of("a", milli(10), "b", milli(10), "c", milli(10), "d", milli(9)));
    assertThat(p.utilization()).isEqualTo(9);
    assertThat(p.replicas()).isEqualTo(1);
  }

  @Test
  void missingPodsCountAsFullyUsedOnAScaleDown() throws MetricsException {
    // a and b at 10% of an 80% target alone would give 1; c, without a sample, is assumed at 100%:
    // 120m of 300m = 40% → ratio 0.5 → ceil(1.5) = 2
    Proposal p = cpu(3, 80, List.of(running("a"), running("b"), running("c")), Map.of("a", milli(10), "b", milli(10)));
    assertThat(p.replicas()).isEqualTo(2);
    assertThat(p.utilization()).as("the status reports the first pass").isEqualTo(10);
  }

  @Test
  void unreadyPodsCountAsIdleOnAScaleUp() throws MetricsException {
    JsonNode pending = pod("p", "Pending", null, null, null, "100m");
    Proposal p = cpu(3, 50, List.of(running("a"), running("b"), pending), Map.of("a", milli(100), "b", milli(100)));
    // first pass 100% → ratio 2; with p at 0: 200/300 = 66% → ratio 1.32 → ceil(1.32 * 3) = 4
    assertThat(p.replicas()).isEqualTo(4);
    assertThat(p.utilization()).isEqualTo(100);
  }

  @Test
  void deletingAndFailedPodsAreIgnored() throws MetricsException {
    JsonNode failed = pod("f", "Failed", SETTLED, "False", SETTLED, "100m");
    JsonNode deleting = ((com.fasterxml.jackson.databind.node.ObjectNode) running("d").deepCopy());
    ((com.fasterxml.jackson.databind.node.ObjectNode) deleting.get("metadata")).put("deletionTimestamp", SETTLED);
    Proposal p = cpu(1, 50, List.of(running("a"), failed, deleting),
        Map.of("a", milli(100), "f", milli(500), "d", milli(500)));
    assertThat(p).isEqualTo(new Proposal(2, 100, 100));
  }

  @Test
  void cpuSamplesOfStartingPodsAreNotTrusted() throws MetricsException {
    String justStarted = NOW.minusSeconds(20).toString();
    JsonNode starting = pod("s", "Running", justStarted, "True", NOW.minusSeconds(10).toString(), "100m");
    // s became Ready 10 s ago, less than one 15 s window before its sample: unready, its 900m burst ignored
    Proposal p = cpu(2, 50, List.of(running("a"), starting), Map.of("a", milli(50), "s", milli(900)));
    assertThat(p.replicas()).isEqualTo(2);
    assertThat(p.utilization()).isEqualTo(50);
    JsonNode neverReady = pod("n", "Running", SETTLED, "False", "2026-06-01T11:00:10Z", "100m");
    assertThat(cpu(2, 50, List.of(running("a"), neverReady), Map.of("a", milli(50), "n", milli(900))).utilization())
        .as("never Ready since start: still unready after the initialisation period").isEqualTo(50);
  }

  @Test
  void memoryIgnoresReadiness() throws MetricsException {
    JsonNode notReady = pod("n", "Running", NOW.minusSeconds(20).toString(), "False", NOW.toString(), "100m");
    long mi = 1024L * 1024 * 1000;
    Proposal p = ReplicaCalculator.utilization(1, 50, "memory", List.of(notReady), Map.of("n", milli(100 * mi)),
        Tolerances.DEFAULT, NOW);
    assertThat(p).isEqualTo(new Proposal(2, 100, 100 * mi));
  }

  @Test
  void whatTheCalculationCannotUseIsAnErrorInUpstreamsWords() {
    assertThatThrownBy(() -> cpu(1, 50, List.of(), Map.of()))
        .hasMessage("no pods returned by selector while calculating replica count");
    assertThatThrownBy(() -> cpu(1, 50, List.of(pod("p", "Pending", null, null, null, "100m")), Map.of()))
        .hasMessage("did not receive metrics for targeted pods (pods might be unready)");
    assertThatThrownBy(() -> cpu(1, 50, List.of(pod("x", "Running", SETTLED, "True", SETTLED, null)),
        Map.of("x", milli(10)))).hasMessage("missing request for cpu in container app of Pod x");
    Map<String, PodMetric> strangers = new HashMap<>();
    strangers.put("other", milli(10));
    assertThatThrownBy(() -> cpu(1, 50, List.of(running("a")), strangers))
        .as("samples only of pods the selector does not match").hasMessage("no metrics returned matched known pods");
  }

  @Test
  void averageValueTargetsCompareTheMeanUsage() throws MetricsException {
    Proposal p = ReplicaCalculator.averageValue(2, 100, "cpu", List.of(running("a"), running("b")),
        Map.of("a", milli(250), "b", milli(150)), Tolerances.DEFAULT, NOW);
    assertThat(p).isEqualTo(new Proposal(4, 0, 200));
  }

  @Test
  void tolerancesMayDifferByDirection() throws MetricsException {
    var wideDown = new Tolerances(0.5, 0.1);
    Proposal p = ReplicaCalculator.utilization(2, 50, "cpu", List.of(running("a"), running("b")),
        Map.of("a", milli(30), "b", milli(30)), wideDown, NOW);
    assertThat(p.replicas()).as("60%% below target is inside a 50%% scale-down tolerance").isEqualTo(2);
  }
}
