package dev.kubemu.controllers.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NoScheduleTaintsTest {
  private static final String NOW = "2030-01-01T00:00:00Z";

  private static JsonNode node(String spec, String readyStatus) {
    return Json.parseTrusted(("{\"metadata\":{\"name\":\"node-1\"},\"spec\":" + spec + ",\"status\":{\"conditions\":"
        + "[{\"type\":\"MemoryPressure\",\"status\":\"False\"},{\"type\":\"Ready\",\"status\":\"" + readyStatus
        + "\"}]}}").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aHealthySchedulableNodeNeedsNothing() {
    assertThat(NoScheduleTaints.reconcile(node("{}", "True"), NOW)).isNull();
  }

  @Test
  void cordoningAddsTheUnschedulableTaintWithItsTime() {
    var taints = NoScheduleTaints.reconcile(node("{\"unschedulable\":true}", "True"), NOW);
    assertThat(taints).hasSize(1);
    assertThat(Json.string(taints.get(0))).isEqualTo("{\"effect\":\"NoSchedule\",\"key\":"
        + "\"node.kubernetes.io/unschedulable\",\"timeAdded\":\"2030-01-01T00:00:00Z\"}");
    String tainted = "{\"unschedulable\":true,\"taints\":" + Json.string(taints) + "}";
    assertThat(NoScheduleTaints.reconcile(node(tainted, "True"), NOW)).as("already in step").isNull();
  }

  @Test
  void uncordoningRemovesOnlyTheControllersTaint() {
    String spec = "{\"taints\":[{\"key\":\"dedicated\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"},"
        + "{\"key\":\"node.kubernetes.io/unschedulable\",\"effect\":\"NoSchedule\",\"timeAdded\":\"" + NOW + "\"}]}";
    var taints = NoScheduleTaints.reconcile(node(spec, "True"), NOW);
    assertThat(taints).hasSize(1);
    assertThat(taints.get(0).path("key").asText()).isEqualTo("dedicated");
  }

  @Test
  void adverseConditionsMapToTheirTaints() {
    assertThat(NoScheduleTaints.desired(node("{}", "False"))).containsExactly("node.kubernetes.io/not-ready");
    assertThat(NoScheduleTaints.desired(node("{\"unschedulable\":true}", "Unknown")))
        .containsExactly("node.kubernetes.io/unreachable", "node.kubernetes.io/unschedulable");
  }

  @Test
  void aNoExecuteTaintWithAManagedKeyIsLeftAlone() {
    String spec = "{\"taints\":[{\"key\":\"node.kubernetes.io/unschedulable\",\"effect\":\"NoExecute\"}]}";
    assertThat(NoScheduleTaints.reconcile(node(spec, "True"), NOW)).isNull();
  }
}
