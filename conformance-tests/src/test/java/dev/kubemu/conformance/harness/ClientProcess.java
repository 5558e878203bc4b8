package dev.kubemu.conformance.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a client binary with a private HOME and a hard timeout. */
final class ClientProcess {
  private ClientProcess() {}

  static CommandResult run(Path binary, Map<String, String> env, String stdin, Duration timeout, List<String> args) {
    Path home = tempHome();
    try {
      Process process = start(binary, env, home, args);
      var out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
      var err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      try (var in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        throw new AssertionError(binary.getFileName() + " " + String.join(" ", args) + " did not finish within "
            + timeout + "\n--- stdout so far\n" + out.getNow("") + "--- stderr so far\n" + err.getNow(""));
      }
      return new CommandResult(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      deleteQuietly(home);
    }
  }

  static Process start(Path binary, Map<String, String> env, Path home, List<String> args) throws IOException {
    var command = new ArrayList<String>();
    command.add(binary.toString());
    command.addAll(args);
    var builder = new ProcessBuilder(command);
    builder.environment().remove("KUBECONFIG");
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  static Path tempHome() {
    try {
      return Files.createTempDirectory("kubemu-client-home");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp dir is harmless
    }
  }
}
