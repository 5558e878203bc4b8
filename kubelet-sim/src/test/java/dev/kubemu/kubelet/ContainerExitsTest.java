package dev.kubemu.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerExitsTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration NOTICE = Duration.ofSeconds(1);

  private static JsonNode pod(String restartPolicy) {
    return Json.parseTrusted(("{\"metadata\":{\"name\":\"hello\",\"namespace\":\"default\",\"uid\":\"u-9\"},"
        + "\"spec\":{\"restartPolicy\":\"" + restartPolicy + "\",\"containers\":[{\"name\":\"hello\",\"image\":"
        + "\"busybox:1.36\",\"args\":[\"echo\",\"hi\"]}]}}").getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode container(JsonNode pod) {
    return pod.path("spec").path("containers").get(0);
  }

  @Test
  void backOffDoublesFromTenSecondsToFiveMinutes() {
    assertThat(ContainerExits.backoff(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(ContainerExits.backoff(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(ContainerExits.backoff(5)).isEqualTo(Duration.ofSeconds(160));
    assertThat(ContainerExits.backoff(6)).isEqualTo(Duration.ofMinutes(5));
    assertThat(ContainerExits.goDuration(Duration.ofSeconds(160))).isEqualTo("2m40s");
    assertThat(ContainerExits.goDuration(Duration.ofSeconds(10))).isEqualTo("10s");
  }

  @Test
  void withRestartPolicyNeverItExitsOnceAndStays() {
    JsonNode pod = pod("Never");
    var first = ContainerExits.advance(pod, container(pod), 0, null, T0, NOTICE);
    assertThat(first.change()).isEqualTo(ContainerExits.Change.STARTED);
    assertThat(first.wakeAt()).isNull();
    JsonNode terminated = first.status().path("state").path("terminated");
    assertThat(terminated.path("reason").asText()).isEqualTo("Completed");
    assertThat(terminated.path("exitCode").asInt(-1)).isZero();
    var later = ContainerExits.advance(pod, container(pod), 0, first.status(), T0.plusSeconds(60), NOTICE);
    assertThat(later.change()).isEqualTo(ContainerExits.Change.NONE);
    assertThat(ContainerExits.restarts(pod, 0)).isFalse();
    assertThat(ContainerExits.restarts(pod("OnFailure"), 1)).isTrue();
  }

  @Test
  void withRestartPolicyAlwaysItCrashLoops() {
    JsonNode pod = pod("Always");
    JsonNode c = container(pod);
    var run0 = ContainerExits.advance(pod, c, 1, null, T0, NOTICE);
    assertThat(run0.status().path("state").path("terminated").path("reason").asText()).isEqualTo("Error");
    assertThat(run0.wakeAt()).isEqualTo(T0.plus(NOTICE));
    // the first restart is immediate once the exit is noticed
    var run1 = ContainerExits.advance(pod, c, 1, run0.status(), T0.plus(NOTICE), NOTICE);
    assertThat(run1.change()).isEqualTo(ContainerExits.Change.STARTED);
    assertThat(run1.status().path("restartCount").asInt()).isEqualTo(1);
    assertThat(run1.status().path("lastState").path("terminated").path("exitCode").asInt()).isEqualTo(1);
    assertThat(run1.status().path("containerID").asText())
        .isNotEqualTo(run0.status().path("containerID").asText());
    Instant t1 = T0.plus(NOTICE);
    var backing = ContainerExits.advance(pod, c, 1, run1.status(), t1.plus(NOTICE), NOTICE);
    assertThat(backing.change()).isEqualTo(ContainerExits.Change.BACKING_OFF);
    assertThat(backing.status().path("state").path("waiting").path("reason").asText()).isEqualTo("CrashLoopBackOff");
    assertThat(backing.status().path("state").path("waiting").path("message").asText())
        .isEqualTo("back-off 10s restarting failed container=hello pod=hello_default(u-9)");
    assertThat(backing.wakeAt()).isEqualTo(t1.plusSeconds(10));
    var early = ContainerExits.advance(pod, c, 1, backing.status(), t1.plusSeconds(9), NOTICE);
    assertThat(early.change()).isEqualTo(ContainerExits.Change.NONE);
    var run2 = ContainerExits.advance(pod, c, 1, backing.status(), t1.plusSeconds(10), NOTICE);
    assertThat(run2.change()).isEqualTo(ContainerExits.Change.STARTED);
    assertThat(run2.status().path("restartCount").asInt()).isEqualTo(2);
  }
}
