package dev.kubemu.benchmarks.scenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl against a kubeconfig and returns what it printed; fails on a non-zero exit. */
final class Kubectl {
  static final Path BINARY = Path.of(System.getProperty("kubemu.bench.kubectl", "/usr/bin/kubectl"));

  private Kubectl() {}

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  static String run(Path kubeconfig, String... args) throws IOException, InterruptedException {
    var command = new ArrayList<String>(List.of(BINARY.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("kubectl " + String.join(" ", args) + " did not finish in 2 minutes");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("kubectl " + String.join(" ", args) + " exited " + p.exitValue() + ": "
          + text.substring(0, Math.min(500, text.length())));
    }
    return text;
  }
}
