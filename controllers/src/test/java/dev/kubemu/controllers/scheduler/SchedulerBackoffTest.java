package dev.kubemu.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulerBackoffTest {
  @Test
  void doublesFromOneSecondUpToTen() {
    assertThat(Scheduler.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(Scheduler.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(Scheduler.backoff(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(Scheduler.backoff(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(Scheduler.backoff(5)).isEqualTo(Duration.ofSeconds(10));
    assertThat(Scheduler.backoff(40)).isEqualTo(Duration.ofSeconds(10));
  }
}
