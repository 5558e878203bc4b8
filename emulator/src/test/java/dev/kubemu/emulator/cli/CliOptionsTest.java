package dev.kubemu.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubemu.kubelet.KubeletTimings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CliOptionsTest {
  @Test
  void defaults() throws CliException {
    CliOptions o = CliOptions.parse();
    assertThat(o.address()).isEqualTo("127.0.0.1");
    assertThat(o.port()).isEqualTo(6443);
    assertThat(o.kubeconfig()).isNull();
    assertThat(o.nodes()).isEqualTo(3);
    assertThat(o.nodeCpu().toString()).isEqualTo("4");
    assertThat(o.nodeMemory().toString()).isEqualTo("8Gi");
    assertThat(o.maxPods()).isEqualTo(110);
    assertThat(o.insecureHttp()).isFalse();
    assertThat(o.kubeletDelays()).isEqualTo(KubeletTimings.realistic());
  }

  @Test
  void kubeletDelays() throws CliException {
    assertThat(CliOptions.parse("--kubelet-delays", "instant").kubeletDelays()).isEqualTo(KubeletTimings.instant());
    KubeletTimings slow = CliOptions.parse("--kubelet-delays=pull=10s,start=2s").kubeletDelays();
    assertThat(slow.imagePull()).isEqualTo(Duration.ofSeconds(10));
    assertThat(slow.containerStart()).isEqualTo(Duration.ofSeconds(2));
    assertThat(slow.shutdown()).isEqualTo(KubeletTimings.realistic().shutdown());
  }

  @Test
  void bothSpellingsOfValues() throws CliException {
    CliOptions o = CliOptions.parse("--port", "0", "--kubeconfig=/tmp/kc", "--nodes=5", "--node-cpu", "3500m",
        "--node-memory=16Gi", "--max-pods", "20", "--insecure-http", "--address", "0.0.0.0");
    assertThat(o.port()).isZero();
    assertThat(o.kubeconfig()).isEqualTo(Path.of("/tmp/kc"));
    assertThat(o.nodes()).isEqualTo(5);
    assertThat(o.nodeCpu().milliValue()).isEqualTo(3500);
    assertThat(o.nodeMemory().toString()).isEqualTo("16Gi");
    assertThat(o.maxPods()).isEqualTo(20);
    assertThat(o.insecureHttp()).isTrue();
    assertThat(o.address()).isEqualTo("0.0.0.0");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--nodez 3|kubemu: unknown option --nodez (see --help)",
      "--port abc|kubemu: --port: \"abc\" is not a number",
      "--port 70000|kubemu: --port: 70000 is out of range 0..65535",
      "--nodes -1|kubemu: --nodes: -1 is out of range 0..10000",
      "--node-memory lots|kubemu: --node-memory: \"lots\" is not a valid quantity (e.g. 4, 3500m, 8Gi)",
      "--node-cpu 0|kubemu: --node-cpu: \"0\" must be greater than zero",
      "--kubeconfig|kubemu: --kubeconfig needs a value (see --help)",
      "--max-pods 0|kubemu: --max-pods: 0 is out of range 1..100000",
      "--kubelet-delays sometimes|kubemu: --kubelet-delays: \"sometimes\" is not realistic, instant or a list of "
          + "pull=, start= and stop= durations (e.g. pull=3s,start=1s,stop=2s)",
      "--kubelet-delays pull=5|kubemu: --kubelet-delays: pull=5 needs a unit (ms, s, m or h), e.g. pull=2s",
      "--kubelet-delays|kubemu: --kubelet-delays needs a value (see --help)"})
  void badOptionsNameTheOption(String args, String message) {
    assertThatThrownBy(() -> CliOptions.parse(args.split(" "))).isInstanceOf(CliException.class)
        .hasMessage(message);
  }
}
