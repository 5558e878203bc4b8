package dev.kubemu.conformance.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One installed kubectl binary. Each run gets a fresh HOME, so no discovery cache leaks between runs. */
public record KubectlClient(String version, Path binary) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public int minor() {
    return Integer.parseInt(version.substring(version.indexOf('.') + 1));
  }

  public CommandResult run(Path kubeconfig, String... args) {
    return run(kubeconfig, Map.of(), null, args);
  }

  public CommandResult run(Path kubeconfig, Map<String, String> env, String stdin, String... args) {
    return ClientProcess.run(binary, Map.copyOf(env), stdin, DEFAULT_TIMEOUT, withKubeconfig(kubeconfig, args));
  }

  /** Starts a long-running command (e.g. {@code get pods -w}); read its lines, then close it. */
  public Streaming start(Path kubeconfig, String... args) {
    Path home = ClientProcess.tempHome();
    try {
      Process process = ClientProcess.start(binary, Map.of(), home, withKubeconfig(kubeconfig, args));
      return new Streaming(process, home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> withKubeconfig(Path kubeconfig, String... args) {
    var all = new java.util.ArrayList<String>();
    all.add("--kubeconfig=" + kubeconfig);
    all.addAll(List.of(args));
    return all;
  }

  @Override
  public String toString() {
    return "kubectl " + version;
  }

  /** A running command whose stdout lines can be awaited. */
  public static final class Streaming implements AutoCloseable {
    private final Process process;
    private final Path home;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder seen = new StringBuilder();

    Streaming(Process process, Path home) {
      this.process = process;
      this.home = home;
      Thread reader = new Thread(() -> {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            lines.add(line);
          }
        } catch (IOException ignored) {
          // the process was closed
        }
      }, "kubectl-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits until a line containing {@code text} is printed, and returns it. */
    public String awaitLine(String text, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        while (true) {
          long left = deadline - System.nanoTime();
          String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
          if (line == null) {
            throw new AssertionError("no line containing \"" + text + "\" within " + timeout + "; printed:\n" + seen
                + "stderr:\n" + ClientProcess.read(process.getErrorStream()));
          }
          seen.append(line).append('\n');
          if (line.contains(text)) {
            return line;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ClientProcess.deleteQuietly(home);
    }
  }
}
