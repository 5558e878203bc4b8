package dev.kubemu.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.time.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerLogsTest {
  private final VirtualClock clock = new VirtualClock(Instant.parse("2030-05-01T10:00:30Z"));
  private final ContainerLogs logs = new ContainerLogs(clock);

  private static JsonNode pod(String container, String state) {
    return Json.parseTrusted(("{\"metadata\":{\"name\":\"p\"},\"spec\":{\"nodeName\":\"node-1\",\"containers\":["
        + container + "]},\"status\":{\"podIP\":\"10.244.0.7\",\"containerStatuses\":[{\"name\":\"c\","
        + "\"state\":" + state + "}]}}").getBytes(StandardCharsets.UTF_8));
  }

  private static final String RUNNING = "{\"running\":{\"startedAt\":\"2030-05-01T10:00:00Z\"}}";

  @Test
  void theCommandsEchoesComeFirst() {
    JsonNode pod = pod("{\"name\":\"c\",\"image\":\"busybox:1.36\",\"command\":[\"sh\",\"-c\",\"echo hi; sleep 9\"]}",
        RUNNING);
    assertThat(logs.read(pod, "c", Map.of())).isEqualTo("hi\n");
  }

  @Test
  void anUnknownServiceSaysWhereItListens() {
    JsonNode pod = pod("{\"name\":\"c\",\"image\":\"ghcr.io/acme/api:2\",\"ports\":[{\"containerPort\":8000}]}",
        RUNNING);
    assertThat(logs.read(pod, "c", Map.of())).isEqualTo("2030-05-01T10:00:00Z INFO starting c\n"
        + "2030-05-01T10:00:00Z INFO listening on 0.0.0.0:8000\n");
  }

  @Test
  void timestampsTailAndSince() {
    JsonNode pod = pod("{\"name\":\"c\",\"image\":\"redis:7.4.1\"}", RUNNING);
    String all = logs.read(pod, "c", Map.of("timestamps", "true"));
    assertThat(all.lines()).hasSize(7).allMatch(l -> l.startsWith("2030-05-01T10:00:00.0"));
    assertThat(all).contains("Redis version=7.4.1", "Ready to accept connections tcp");
    assertThat(all.lines().distinct()).hasSize(7);
    String last = logs.read(pod, "c", Map.of("timestamps", "true", "tailLines", "1"));
    assertThat(last).isEqualTo(all.lines().toList().get(6) + "\n");
    assertThat(logs.read(pod, "c", Map.of("sinceSeconds", "10"))).isEmpty();
    assertThat(logs.read(pod, "c", Map.of("sinceTime", "2030-05-01T09:59:00Z"))).isEqualTo(
        logs.read(pod, "c", Map.of()));
  }

  @Test
  void aWaitingContainerHasNoLogYet() {
    JsonNode pod = pod("{\"name\":\"c\",\"image\":\"redis\"}", "{\"waiting\":{\"reason\":\"ContainerCreating\"}}");
    assertThatThrownBy(() -> logs.read(pod, "c", Map.of())).isInstanceOf(ApiException.class)
        .hasMessage("container \"c\" in pod \"p\" is waiting to start: ContainerCreating");
  }
}
