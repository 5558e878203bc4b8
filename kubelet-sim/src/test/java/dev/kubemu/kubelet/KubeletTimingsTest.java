package dev.kubemu.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeletTimingsTest {
  @Test
  void presetsByName() {
    assertThat(KubeletTimings.parse("realistic")).isEqualTo(KubeletTimings.realistic());
    assertThat(KubeletTimings.parse(" instant ")).isEqualTo(KubeletTimings.instant());
  }

  @Test
  void listedKeysOverrideTheRealisticValues() {
    KubeletTimings t = KubeletTimings.parse("pull=3s,stop=250ms");
    assertThat(t.imagePull()).isEqualTo(Duration.ofSeconds(3));
    assertThat(t.containerStart()).isEqualTo(KubeletTimings.realistic().containerStart());
    assertThat(t.shutdown()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void goStyleDurations() {
    KubeletTimings t = KubeletTimings.parse("pull=1.5s,start=0,stop=2m");
    assertThat(t.imagePull()).isEqualTo(Duration.ofMillis(1500));
    assertThat(t.containerStart()).isZero();
    assertThat(t.shutdown()).isEqualTo(Duration.ofMinutes(2));
    assertThat(KubeletTimings.parse("start=1h").containerStart()).isEqualTo(Duration.ofHours(1));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "slow|\"slow\" is not realistic, instant or a list of pull=, start= and stop= durations (e.g. "
          + "pull=3s,start=1s,stop=2s)",
      "boot=1s|\"boot=1s\" is not realistic, instant or a list of pull=, start= and stop= durations (e.g. "
          + "pull=3s,start=1s,stop=2s)",
      "pull=3|pull=3 needs a unit (ms, s, m or h), e.g. pull=2s",
      "start=-1s|start=-1s is not a duration (e.g. 500ms, 1.5s, 2m)",
      "stop=fast s|stop=fast s is not a duration (e.g. 500ms, 1.5s, 2m)",
      "pull=1s,pull=2s|pull= is given twice in \"pull=1s,pull=2s\"",
      "stop=2h|stop=2h is longer than 1h"})
  void malformedSpecsSayWhatIsWrong(String spec, String message) {
    assertThatThrownBy(() -> KubeletTimings.parse(spec)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
