package dev.kubemu.benchmarks;

import dev.kubemu.benchmarks.load.HttpLoadSuite;
import dev.kubemu.benchmarks.load.LoadDriver;
import dev.kubemu.benchmarks.micro.JmhSuite;
import dev.kubemu.benchmarks.report.Report;
import dev.kubemu.benchmarks.scenarios.ScenarioSuite;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The whole benchmark suite: JMH microbenchmarks, the HTTP load comparison and the scale scenarios. Prints each
 * table as it completes and writes them all to {@code benchmarks/target/results.md}.
 *
 * <p>System properties: {@code kubemu.bench.only} (comma-separated sections: {@code jmh}, {@code load},
 * {@code scenarios}, or {@code all}), {@code kubemu.bench.quick} (shorter runs), {@code kubemu.bench.root} (the
 * repository, for {@code emulator/target/kubemu.jar} and the launcher), {@code kubemu.bench.fabric8} (the fabric8
 * baseline module's target directory), {@code kubemu.bench.out} (the Markdown file).
 */
public final class BenchmarkSuite {
  private BenchmarkSuite() {}

  public static void main(String[] args) throws Exception {
    String only = System.getProperty("kubemu.bench.only", "all");
    Set<String> sections = only.isBlank() || only.equals("all") ? Set.of("jmh", "load", "scenarios")
        : Arrays.stream(only.split(",")).map(String::trim).collect(Collectors.toSet());
    boolean quick = Boolean.getBoolean("kubemu.bench.quick");
    Path root = Path.of(System.getProperty("kubemu.bench.root", "..")).toAbsolutePath().normalize();
    Path out = Path.of(System.getProperty("kubemu.bench.out", "target/results.md"));
    long start = System.nanoTime();

    var report = new Report();
    report.header("Run " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + (quick ? ", quick mode" : "") + ".");
    report.header("Load average at start (1/5/15 min): " + loadAverage() + ". Medians with (min-max, n=runs).");

    if (sections.contains("scenarios")) {
      new ScenarioSuite(root, quick).run(report);
    }
    if (sections.contains("load")) {
      new HttpLoadSuite(quick ? LoadDriver.Config.quick() : LoadDriver.Config.standard(),
          Path.of(System.getProperty("kubemu.bench.fabric8", "fabric8-baseline/target"))).run(report);
    }
    if (sections.contains("jmh")) {
      new JmhSuite(quick).run(report);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    report.header("Load average at end: " + loadAverage() + ". The suite took " + took.toMinutes() + " min "
        + took.toSecondsPart() + " s.");
    report.write(out);
    System.out.println();
    System.out.println("=".repeat(100));
    System.out.print(report.markdown());
    System.out.println("Written to " + out.toAbsolutePath());
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0] + " "
          + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[1] + " "
          + Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[2];
    } catch (Exception e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
