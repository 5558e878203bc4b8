package dev.kubemu.benchmarks.scenarios;

import dev.kubemu.benchmarks.report.Report;
import dev.kubemu.benchmarks.report.Samples;
import dev.kubemu.emulator.Emulator;
import java.util.ArrayList;

/** Real {@code kubectl get pods -A} (server-side Table over HTTPS/HTTP2) with 10,000 Running pods stored. */
final class KubectlListScenario {
  private static final int PODS = 10_000;
  private final int runs;

  KubectlListScenario(int runs) {
    this.runs = runs;
  }

  void run(Report report) throws Exception {
    var section = report.section("Listing through real kubectl", "scenario", "median (min-max, n)", "target",
        "met");
    if (!Kubectl.available()) {
      section.row("`kubectl get pods -A`", "skipped: no kubectl at " + Kubectl.BINARY, "< 1 s", "not measured");
      report.print(section);
      return;
    }
    try (SecureCluster cluster = SecureCluster.start(Emulator.builder())) {
      new PodFiller(cluster.kube()).fill(PODS, 100);
      Settle.awaitIdle(cluster.kube());
      Kubectl.run(cluster.kubeconfig(), "get", "pods", "-A");
      var times = new ArrayList<Double>();
      var wide = new ArrayList<Double>();
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        String out = Kubectl.run(cluster.kubeconfig(), "get", "pods", "-A");
        times.add((System.nanoTime() - start) / 1e6);
        long lines = out.lines().filter(l -> l.contains(" Running ")).count();
        if (lines < PODS) {
          throw new IllegalStateException("kubectl printed " + lines + " Running pods, expected at least " + PODS);
        }
        if (i < 2) {
          start = System.nanoTime();
          Kubectl.run(cluster.kubeconfig(), "get", "pods", "-A", "-o", "wide");
          wide.add((System.nanoTime() - start) / 1e6);
        }
      }
      Samples t = Samples.of(times);
      section.row("`kubectl get pods -A` over 10,000 Running pods (" + Kubectl.BINARY + ")", t.summary("ms"),
          "< 1,000 ms", LaunchScenarios.met(t.median() < 1000));
      section.row("`kubectl get pods -A -o wide` over 10,000 pods", Samples.of(wide).summary("ms"), "", "");
    }
    report.print(section);
  }
}
