package dev.kubemu.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubemu.emulator.Emulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A few hundred milliseconds of the load driver against an in-process emulator: every operation the benchmark
 * measures must succeed, so the suite cannot silently measure error responses. Asserts no speed.
 */
class LoadDriverSmokeTest {
  @Test
  void everyOperationSucceedsAgainstKubemu() throws Exception {
    var config = new LoadDriver.Config(2, Duration.ofMillis(100), Duration.ofMillis(300), 20, 5);
    try (Emulator kube = Emulator.builder().nodes(1).start(); LoadDriver driver = new LoadDriver(config)) {
      var results = driver.run("127.0.0.1", kube.apiServer().actualPort());

      assertThat(results).containsOnlyKeys(LoadDriver.OPERATIONS);
      results.values().forEach(r -> {
        assertThat(r.requests()).as(r.operation() + " requests").isPositive();
        assertThat(r.errors()).as(r.operation() + " errors").isZero();
      });
      var pods = kube.registry().find("", "v1", "pods").orElseThrow();
      assertThat(kube.store().count(pods.storageResource())).isGreaterThanOrEqualTo(25);
    }
  }
}
