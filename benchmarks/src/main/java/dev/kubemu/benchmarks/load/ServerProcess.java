package dev.kubemu.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in a JVM of its own, so the three servers the load driver compares get the same treatment
 * (heap, JIT, GC) and none shares a class path with another. The child prints {@code listening PORT} when it
 * accepts connections and exits when its standard input closes, so it never outlives the driver.
 */
final class ServerProcess implements AutoCloseable {
  /** The same JVM options for every server under test. */
  static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-Xms1g", "-XX:+UseParallelGC");

  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ServerProcess start(String name, String classpath, String mainClass) throws IOException {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    String extra = System.getProperty("kubemu.bench.serverJvmArgs", "");
    if (!extra.isBlank()) {
      // e.g. -XX:StartFlightRecording=filename=/tmp/kubemu.jfr to profile the server under load
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    var portLine = CompletableFuture.supplyAsync(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("listening ")) {
            return Integer.parseInt(line.substring("listening ".length()).trim());
          }
        }
        return -1;
      } catch (IOException e) {
        return -1;
      }
    });
    int port;
    try {
      port = portLine.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException(name + " server did not start: " + e, e);
    }
    if (port <= 0) {
      process.destroyForcibly();
      throw new IOException(name + " server exited before listening (exit " + exitCode(process) + ")");
    }
    return new ServerProcess(process, port);
  }

  private static String exitCode(Process process) {
    try {
      return Integer.toString(process.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
