package dev.kubemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubemu.conformance.harness.Clients;
import dev.kubemu.conformance.harness.KubectlClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every required client is installed and is the version it claims to be (missing ones fail, never skip). */
class ClientsTest {
  @Test
  void allNineKubectlVersionsAreInstalled() {
    assertThat(Clients.kubectls()).extracting(KubectlClient::version).containsExactly("1.27", "1.28", "1.29",
        "1.30", "1.31", "1.32", "1.33", "1.34", "1.35");
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void kubectlReportsItsVersion(KubectlClient kubectl) {
    var result = kubectl.run(Path.of("/dev/null"), "version", "--client", "-o", "json");
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).contains("\"minor\": \"" + kubectl.minor() + "\"");
  }

  @ParameterizedTest(name = "helm {0}")
  @ValueSource(ints = {3, 4})
  void helmReportsItsVersion(int major) throws Exception {
    Path helm = Clients.helm(major);
    var process = new ProcessBuilder(List.of(helm.toString(), "version", "--template", "{{.Version}}"))
        .redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).isZero();
    assertThat(out).startsWith("v" + major + ".");
  }
}
