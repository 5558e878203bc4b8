package dev.kubemu.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandOutputTest {
  @Test
  void echoPrintsItsArguments() {
    assertThat(CommandOutput.of(List.of("echo", "-n", "hello", "world"))).contains(List.of("hello world"));
  }

  @Test
  void aShellScriptsTopLevelEchoesRunOnce() {
    assertThat(CommandOutput.of(List.of("/bin/sh", "-c", "echo \"Hello, Kubernetes!\"; sleep 3600 && echo 'done; "
        + "really'\necho  $HOSTNAME"))).contains(List.of("Hello, Kubernetes!", "done; really", "$HOSTNAME"));
    assertThat(CommandOutput.of(List.of("sh", "-c", "while true; do date; sleep 5; done")))
        .contains(List.of());
  }

  @Test
  void waitingCommandsPrintNothing() {
    assertThat(CommandOutput.of(List.of("sleep", "3600"))).contains(List.of());
    assertThat(CommandOutput.of(List.of("sh"))).contains(List.of());
  }

  @Test
  void otherProgramsLeaveItToTheImage() {
    assertThat(CommandOutput.of(List.of("nginx", "-g", "daemon off;"))).isEmpty();
    assertThat(CommandOutput.of(List.of())).isEmpty();
  }

  @Test
  void commandsThatEndByThemselvesHaveAnExitCode() {
    assertThat(CommandOutput.exitCode(List.of("echo", "hi"))).hasValue(0);
    assertThat(CommandOutput.exitCode(List.of("false"))).hasValue(1);
    assertThat(CommandOutput.exitCode(List.of("sh", "-c", "echo starting; exit 3"))).hasValue(3);
    assertThat(CommandOutput.exitCode(List.of("sh", "-c", "date; false"))).hasValue(1);
    assertThat(CommandOutput.exitCode(List.of("/bin/sh"))).hasValue(0);
  }

  @Test
  void serversLoopsAndSleepsRunOn() {
    assertThat(CommandOutput.exitCode(List.of("sleep", "3600"))).isEmpty();
    assertThat(CommandOutput.exitCode(List.of("sh", "-c", "echo hi; sleep 3600"))).isEmpty();
    assertThat(CommandOutput.exitCode(List.of("sh", "-c", "while true; do echo hi; done"))).isEmpty();
    assertThat(CommandOutput.exitCode(List.of("nginx", "-g", "daemon off;"))).isEmpty();
    assertThat(CommandOutput.exitCode(List.of("-conf", "/etc/coredns/Corefile"))).isEmpty();
    assertThat(CommandOutput.exitCode(List.of())).isEmpty();
  }
}
