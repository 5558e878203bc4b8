package dev.kubemu.benchmarks.scenarios;

import dev.kubemu.benchmarks.report.Report;
import dev.kubemu.benchmarks.report.Samples;
import dev.kubemu.emulator.Emulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: launch to the ready line in a cold JVM (the launcher, and the bare jar with JVM defaults), and an
 * in-process start in a warm JVM.
 */
final class LaunchScenarios {
  private final Path root;
  private final int runs;

  LaunchScenarios(Path root, int runs) {
    this.root = root;
    this.runs = runs;
  }

  void run(Report report) throws Exception {
    var section = report.section("Start-up", "scenario", "median (min-max, n)", "target", "met");
    Path jar = root.resolve("emulator/target/kubemu.jar");
    if (!Files.exists(jar)) {
      section.row("launch to ready line", "emulator/target/kubemu.jar is missing", "< 1 s", "not measured");
    } else {
      if (launcherWouldBuild()) {
        section.row("./kubemu --port 0 (launcher)", "skipped: the jar is older than the sources, the launcher "
            + "would build first", "< 1 s", "not measured");
      } else {
        Samples launcher = launches(List.of(root.resolve("kubemu").toString()), runs);
        section.row("`./kubemu --port 0 --kubeconfig F` to ready line (cold JVM, HTTPS)",
            launcher.summary("ms"), "< 1,000 ms (issue 2: < 1,500 ms)", met(launcher.median() < 1000));
      }
      Samples bare = launches(List.of(javaBinary(), "-jar", jar.toString()), Math.min(runs, 5));
      section.row("`java -jar kubemu.jar --port 0 --kubeconfig F` (JVM defaults, no launcher flags)",
          bare.summary("ms"), "< 1,000 ms", met(bare.median() < 1000));
    }
    Samples http = inProcess(true);
    section.row("in-process `Emulator.builder().start()` (warm JVM, HTTP, 3 nodes, add-ons)", http.summary("ms"),
        "< 50 ms", met(http.median() < 50));
    Samples noHttp = inProcess(false);
    section.row("in-process start without HTTP (`http(false)`)", noHttp.summary("ms"), "< 50 ms",
        met(noHttp.median() < 50));
    report.print(section);
  }

  static String met(boolean met) {
    return met ? "yes" : "**no**";
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private boolean launcherWouldBuild() throws IOException, InterruptedException {
    // the launcher's own staleness test, run without building
    Process p = new ProcessBuilder("bash", "-c", "jar=emulator/target/kubemu.jar; [ -n \"$(find . -path ./.git "
        + "-prune -o -path '*/target' -prune -o \\( -name pom.xml -o -path '*/src/*' \\) -type f -newer \"$jar\" "
        + "-print -quit)\" ]").directory(root.toFile()).start();
    return p.waitFor() == 0;
  }

  private Samples launches(List<String> command, int count) throws Exception {
    launchOnce(command);
    var times = new ArrayList<Double>();
    for (int i = 0; i < count; i++) {
      times.add(launchOnce(command));
    }
    return Samples.of(times);
  }

  /** Milliseconds from process start to the ready line; then checks the server answers kubectl and stops it. */
  private double launchOnce(List<String> command) throws Exception {
    Path kubeconfig = Files.createTempFile("kubemu-launch-", ".kubeconfig");
    var full = new ArrayList<>(command);
    full.addAll(List.of("--port", "0", "--kubeconfig", kubeconfig.toString()));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(full).directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      double ms = (System.nanoTime() - start) / 1e6;
      if (line == null || !line.startsWith("kubemu ready: https://127.0.0.1:")) {
        throw new IllegalStateException("no ready line from " + full + ": " + line);
      }
      if (Kubectl.available() && !Kubectl.run(kubeconfig, "get", "nodes").contains("Ready")) {
        throw new IllegalStateException("kubectl get nodes shows no Ready node after the ready line");
      }
      return ms;
    } finally {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      Files.deleteIfExists(kubeconfig);
    }
  }

  private Samples inProcess(boolean http) {
    // a warm JVM: the start-up path compiled, as in a test suite that starts an emulator per test class
    for (int i = 0; i < 30; i++) {
      startOnce(http);
    }
    var times = new ArrayList<Double>();
    for (int i = 0; i < Math.max(runs, 15); i++) {
      times.add(startOnce(http));
    }
    return Samples.of(times);
  }

  private static double startOnce(boolean http) {
    long start = System.nanoTime();
    try (Emulator kube = Emulator.builder().http(http).start()) {
      return (System.nanoTime() - start) / 1e6;
    }
  }
}
