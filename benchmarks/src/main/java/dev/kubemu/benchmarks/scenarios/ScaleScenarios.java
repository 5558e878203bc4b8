package dev.kubemu.benchmarks.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.benchmarks.micro.Fixtures;
import dev.kubemu.benchmarks.report.Report;
import dev.kubemu.benchmarks.report.Samples;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.PatchType;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Quantity;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.emulator.Emulator;
import dev.kubemu.emulator.EmulatorBuilder;
import dev.kubemu.kubelet.NodeShape;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * Scaling a Deployment from 0 to N replicas with instant kubelets until every pod is Running and the Deployment
 * reports them available: in-process, and through real {@code kubectl scale} over HTTPS.
 */
final class ScaleScenarios {
  private static final NodeShape BIG_NODE = new NodeShape(Quantity.parse("64"), Quantity.parse("256Gi"), 250,
      Quantity.parse("1Ti"));

  private final int runs;

  ScaleScenarios(int runs) {
    this.runs = runs;
  }

  void run(Report report) throws Exception {
    var section = report.section("Scaling a Deployment (instant kubelets, until all pods Running and available)",
        "scenario", "median (min-max, n)", "target", "met");
    Samples s1000 = repeat(Math.max(1, runs - 1), () -> inProcess(1000, 20));
    section.row("in-process scale 0 → 1,000 over 20 nodes", s1000.summary("ms"), "", "");
    Samples s5000 = repeat(runs, () -> inProcess(5000, 50));
    section.row("in-process scale 0 → 5,000 over 50 nodes", s5000.summary("ms"), "< 10,000 ms",
        LaunchScenarios.met(s5000.median() < 10_000));
    if (Kubectl.available()) {
      Samples k1000 = repeat(Math.max(1, runs - 1), () -> kubectlScale(1000, 20));
      section.row("`kubectl scale deployment web --replicas 1000` (HTTPS, 20 nodes) until all Running",
          k1000.summary("ms"), "issue 4: report", "");
    } else {
      section.row("`kubectl scale --replicas 1000`", "skipped: no kubectl at " + Kubectl.BINARY, "", "");
    }
    report.print(section);
  }

  interface Run {
    double millis() throws Exception;
  }

  static Samples repeat(int runs, Run run) throws Exception {
    var times = new ArrayList<Double>();
    for (int i = 0; i < runs; i++) {
      times.add(run.millis());
    }
    return Samples.of(times);
  }

  private static EmulatorBuilder cluster(int nodes) {
    return Emulator.builder().nodes(nodes).nodeShape(BIG_NODE);
  }

  private static double inProcess(int replicas, int nodes) throws InterruptedException {
    try (Emulator kube = cluster(nodes).http(false).start()) {
      ResourceType deployments = deployments(kube);
      kube.operations().create(deployments, "v1", "default", Fixtures.deployment("web", 0), RequestContext.forUser());
      Settle.awaitIdle(kube);
      long start = System.nanoTime();
      kube.operations().patchScale(deployments, "default", "web", PatchType.MERGE,
          Json.parseTrusted(("{\"spec\":{\"replicas\":" + replicas + "}}").getBytes(StandardCharsets.UTF_8)),
          RequestContext.forUser());
      awaitRunning(kube, replicas);
      return (System.nanoTime() - start) / 1e6;
    }
  }

  private static double kubectlScale(int replicas, int nodes) throws Exception {
    try (SecureCluster cluster = SecureCluster.start(cluster(nodes))) {
      Emulator kube = cluster.kube();
      kube.operations().create(deployments(kube), "v1", "default", Fixtures.deployment("web", 0),
          RequestContext.forUser());
      Settle.awaitIdle(kube);
      long start = System.nanoTime();
      Kubectl.run(cluster.kubeconfig(), "scale", "deployment", "web", "--replicas", Integer.toString(replicas));
      awaitRunning(kube, replicas);
      return (System.nanoTime() - start) / 1e6;
    }
  }

  private static ResourceType deployments(Emulator kube) {
    return kube.registry().find("apps", "v1", "deployments").orElseThrow();
  }

  /** Waits until the control loop settles, then checks every pod is Running and the Deployment available. */
  static void awaitRunning(Emulator kube, int replicas) throws InterruptedException {
    ResourceType pods = kube.registry().find("", "v1", "pods").orElseThrow();
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      Settle.awaitIdle(kube);
      int running = 0;
      for (var stored : kube.operations().list(pods, "default", ListOptions.everything()).items()) {
        if (kube.operations().storageTree(stored).path("status").path("phase").asText().equals("Running")) {
          running++;
        }
      }
      JsonNode status = kube.operations().getTree(deployments(kube), "default", "web").path("status");
      if (running == replicas && status.path("availableReplicas").asInt() == replicas) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("scale to " + replicas + " settled with " + running + " running pods and "
            + status.path("availableReplicas").asInt() + " available");
      }
      Thread.sleep(5);
    }
  }
}
