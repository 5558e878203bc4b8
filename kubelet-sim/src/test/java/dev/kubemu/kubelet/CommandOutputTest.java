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
}
