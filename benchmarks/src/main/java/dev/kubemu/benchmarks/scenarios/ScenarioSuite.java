package dev.kubemu.benchmarks.scenarios;

import dev.kubemu.benchmarks.report.Report;
import java.nio.file.Path;

/** The scale scenarios of issue 5 (and the start-up figures of issue 2, the scale figure of issue 4). */
public final class ScenarioSuite {
  private final Path root;
  private final boolean quick;

  public ScenarioSuite(Path root, boolean quick) {
    this.root = root;
    this.quick = quick;
  }

  public void run(Report report) throws Exception {
    int runs = quick ? 3 : 7;
    String only = System.getProperty("kubemu.bench.scenarios", "launch,scale,kubectl,watch,growth");
    if (only.contains("launch")) {
      new LaunchScenarios(root, runs).run(report);
    }
    if (only.contains("scale")) {
      new ScaleScenarios(quick ? 1 : 3).run(report);
    }
    if (only.contains("kubectl")) {
      new KubectlListScenario(quick ? 3 : 4).run(report);
    }
    if (only.contains("watch")) {
      new WatchLatencyScenario(quick).run(report);
    }
    if (only.contains("growth")) {
      new GrowthScenarios().run(report);
    }
  }
}
