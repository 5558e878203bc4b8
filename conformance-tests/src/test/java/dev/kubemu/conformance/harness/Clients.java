package dev.kubemu.conformance.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the real clients the conformance tests run: kubectl 1.27 ... 1.33 from the machine, 1.34/1.35 and Helm 3/4
 * from the cache {@code conformance-tests/tools/fetch-clients.sh} fills. A missing client is an error, never a skip.
 */
public final class Clients {
  static final Path SYSTEM = Path.of(System.getProperty("kubemu.system.kubectl.dir",
      "/usr/lib/google-cloud-sdk/bin"));
  static final List<String> SYSTEM_VERSIONS = List.of("1.27", "1.28", "1.29", "1.30", "1.31", "1.32", "1.33");
  static final List<String> CACHED_VERSIONS = List.of("1.34", "1.35");

  private Clients() {}

  /** Every required kubectl, oldest first. */
  public static List<KubectlClient> kubectls() {
    var clients = new ArrayList<KubectlClient>();
    for (String v : SYSTEM_VERSIONS) {
      clients.add(new KubectlClient(v, require(SYSTEM.resolve("kubectl." + v))));
    }
    for (String v : CACHED_VERSIONS) {
      clients.add(new KubectlClient(v, require(cacheDir().resolve("kubectl." + v))));
    }
    return clients;
  }

  /** For {@code @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")}. */
  public static Stream<KubectlClient> allKubectl() {
    return kubectls().stream();
  }

  /** The newest kubectl, for tests that need only one client. */
  public static KubectlClient latest() {
    var all = kubectls();
    return all.get(all.size() - 1);
  }

  /** Helm {@code 3} or {@code 4}. */
  public static Path helm(int major) {
    return require(cacheDir().resolve("helm." + major));
  }

  static Path cacheDir() {
    String configured = System.getProperty("kubemu.clients.dir", System.getenv("KUBEMU_CLIENTS_DIR"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return (dir == null ? Path.of("") : dir).resolve(".cache").resolve("clients");
  }

  private static Path require(Path binary) {
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("required client " + binary + " is missing; run "
          + "conformance-tests/tools/fetch-clients.sh (kubectl 1.27-1.33 must be installed under " + SYSTEM + ")");
    }
    return binary;
  }
}
