package dev.kubemu.benchmarks.micro;

import dev.kubemu.benchmarks.report.Report;
import dev.kubemu.benchmarks.report.Samples;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs every JMH benchmark of this package in one forked JVM each and reports score ± error. */
public final class JmhSuite {
  private final boolean quick;

  public JmhSuite(boolean quick) {
    this.quick = quick;
  }

  public void run(Report report) throws Exception {
    var options = new OptionsBuilder()
        .include(JmhSuite.class.getPackageName() + "\\..*Benchmarks\\..*")
        .forks(1)
        .warmupIterations(3)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 2 : 3)
        .measurementTime(TimeValue.seconds(1))
        .jvmArgs("-Xmx2g", "-Xms2g")
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    var section = report.section("Microbenchmarks (JMH, average time per operation)",
        "benchmark", "parameters", "score", "± error (99.9%)", "unit");
    for (RunResult r : results) {
      var params = r.getParams();
      String label = params.getBenchmark().substring(JmhSuite.class.getPackageName().length() + 1);
      String p = params.getParamsKeys().stream().map(k -> k + "=" + params.getParam(k))
          .collect(Collectors.joining(", "));
      var score = r.getPrimaryResult();
      section.row(label, p, Samples.format(score.getScore()),
          Double.isNaN(score.getScoreError()) ? "" : Samples.format(score.getScoreError()), score.getScoreUnit());
    }
    section.note(String.format(Locale.ROOT, "One fork, %d × 1 s warm-up, %d × 1 s measurement per benchmark.",
        3, quick ? 2 : 3));
    report.print(section);
  }

}
