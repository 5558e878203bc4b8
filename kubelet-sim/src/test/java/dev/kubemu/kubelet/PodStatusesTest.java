package dev.kubemu.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusesTest {
  private static final String T0 = "2030-01-01T00:00:00Z";
  private static final String T1 = "2030-01-01T00:00:02Z";
  private static final String T2 = "2030-01-01T00:05:00Z";

  private static JsonNode pod(String json) {
    return Json.parseTrusted(json.getBytes(StandardCharsets.UTF_8));
  }

  private static final JsonNode WEB = pod("""
      {"metadata":{"name":"web","uid":"u-1"},"spec":{"nodeName":"node-1","containers":[{"name":"web",
      "image":"nginx:1.27"}]},"status":{"phase":"Pending","qosClass":"BestEffort","conditions":[{"type":
      "PodScheduled","status":"True","lastProbeTime":null,"lastTransitionTime":"2030-01-01T00:00:00Z"}]}}""");

  @Test
  void aContainerNotCreatedYetHasTheSpecImageAndNoIds() {
    JsonNode status = PodStatuses.creating(WEB, "172.18.0.2", T0);
    JsonNode c = status.path("containerStatuses").get(0);
    assertThat(c.path("image").asText()).isEqualTo("nginx:1.27");
    assertThat(c.has("imageID")).isTrue();
    assertThat(c.path("imageID").asText()).isEmpty();
    assertThat(c.has("containerID")).isFalse();
    assertThat(c.path("state").path("waiting").path("reason").asText()).isEqualTo("ContainerCreating");
  }

  @Test
  void runningContainersCarryTheRuntimesNames() {
    JsonNode creating = PodStatuses.creating(WEB, "172.18.0.2", T0);
    JsonNode c = PodStatuses.running(WEB, creating, "10.244.0.5", T1, List.of("web")).path("containerStatuses")
        .get(0);
    assertThat(c.path("image").asText()).isEqualTo("docker.io/library/nginx:1.27");
    assertThat(c.path("imageID").asText()).startsWith("docker.io/library/nginx@sha256:");
    assertThat(c.path("containerID").asText()).startsWith("containerd://");
  }

  @Test
  void aStoppedPodIsSucceededWithCompletedContainers() {
    JsonNode creating = PodStatuses.creating(WEB, "172.18.0.2", T0);
    JsonNode running = PodStatuses.running(WEB, creating, "10.244.0.5", T1, List.of("web"));
    JsonNode done = PodStatuses.terminated(WEB, running, T2);
    assertThat(done.path("phase").asText()).isEqualTo("Succeeded");
    assertThat(done.path("podIP").asText()).isEqualTo("10.244.0.5");
    assertThat(done.path("startTime").asText()).isEqualTo(T0);
    JsonNode c = done.path("containerStatuses").get(0);
    JsonNode terminated = c.path("state").path("terminated");
    assertThat(terminated.path("reason").asText()).isEqualTo("Completed");
    assertThat(terminated.path("exitCode").asInt(-1)).isZero();
    assertThat(terminated.path("startedAt").asText()).isEqualTo(T1);
    assertThat(terminated.path("finishedAt").asText()).isEqualTo(T2);
    assertThat(terminated.path("containerID").asText()).isEqualTo(c.path("containerID").asText());
    assertThat(c.path("ready").asBoolean()).isFalse();
    assertThat(c.path("started").asBoolean()).isFalse();
    assertThat(done.path("conditions")).extracting(x -> x.path("type").asText() + "=" + x.path("status").asText()
        + "/" + x.path("reason").asText()).containsExactly("PodReadyToStartContainers=False/", "Initialized=True/",
        "Ready=False/PodCompleted", "ContainersReady=False/PodCompleted", "PodScheduled=True/");
    assertThat(done.path("conditions").get(2).path("lastTransitionTime").asText()).isEqualTo(T2);
    assertThat(done.path("conditions").get(1).path("lastTransitionTime").asText()).isEqualTo(T0);
  }

  @Test
  void aPodStoppedBeforeItRanIsFailedWithItsContainersStillWaiting() {
    JsonNode creating = PodStatuses.creating(WEB, "172.18.0.2", T0);
    JsonNode done = PodStatuses.terminated(WEB, creating, T1);
    assertThat(done.path("phase").asText()).isEqualTo("Failed");
    assertThat(done.has("podIP")).isFalse();
    assertThat(done.path("containerStatuses").get(0).path("state").path("waiting").path("reason").asText())
        .isEqualTo("ContainerCreating");
    assertThat(done.path("conditions").get(2).path("reason").asText()).isEqualTo("PodFailed");
  }
}
