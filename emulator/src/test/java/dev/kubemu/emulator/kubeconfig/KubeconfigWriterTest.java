package dev.kubemu.emulator.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigWriterTest {
  @TempDir
  Path dir;

  private static final ClusterAccess ACCESS = new ClusterAccess("https://127.0.0.1:6443",
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "secret-token");

  @Test
  void mergeKeepsOtherContextsAndReplacesAnOlderKubemuEntry() throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        preferences:
          colors: true
        clusters:
        - name: prod
          cluster:
            server: https://prod.example:443
        - name: kubemu
          cluster:
            server: https://127.0.0.1:9999
        users:
        - name: admin
          user:
            token: abc
        contexts:
        - name: prod
          context:
            cluster: prod
            user: admin
        current-context: prod
        """);
    KubeconfigWriter.mergeInto(file, ACCESS);
    String yaml = Files.readString(file);
    assertThat(yaml).contains("https://prod.example:443", "token: abc", "colors: true", "name: prod");
    assertThat(yaml).doesNotContain("9999");
    assertThat(yaml).contains("current-context: kubemu", "token: secret-token", "certificate-authority-data:");
    assertThat(yaml.split("name: kubemu", -1)).hasSize(4);
  }

  @Test
  void standaloneCreatesParentDirectories() throws Exception {
    Path file = dir.resolve("a/b/kubeconfig");
    KubeconfigWriter.writeStandalone(file, new ClusterAccess("http://127.0.0.1:1234", null, null));
    String yaml = Files.readString(file);
    assertThat(yaml).contains("server: http://127.0.0.1:1234", "current-context: kubemu");
    assertThat(yaml).doesNotContain("certificate-authority-data", "insecure-skip-tls-verify");
  }

  @Test
  void defaultPathFollowsKubeconfigVariable() {
    Path home = Path.of("/home/u");
    assertThat(KubeconfigWriter.resolveDefaultPath(Map.of(), home)).isEqualTo(Path.of("/home/u/.kube/config"));
    assertThat(KubeconfigWriter.resolveDefaultPath(Map.of("KUBECONFIG", "/x/one:/x/two"), home))
        .isEqualTo(Path.of("/x/one"));
  }

  @Test
  void realKubectlReadsTheMergedFile() throws Exception {
    Path file = dir.resolve("config");
    KubeconfigWriter.mergeInto(file, ACCESS);
    var process = new ProcessBuilder("/usr/lib/google-cloud-sdk/bin/kubectl.1.33", "config", "get-contexts",
        "--kubeconfig", file.toString(), "-o", "name").redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).isZero();
    assertThat(out.trim()).isEqualTo("kubemu");
  }
}
