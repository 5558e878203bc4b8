package dev.kubemu.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.PatchType;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Quantity;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.emulator.Emulator;
import dev.kubemu.kubelet.NodeShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end scenarios measured on the system clock with instant kubelets: start-up, and scaling a Deployment from 0
 * to N replicas until every pod is Running and the Deployment reports them available. Prints a Markdown table with
 * the median and spread of several runs. Run with {@code ./mvnw -B -pl benchmarks -am verify -Pbench}.
 */
public final class ScenarioBenchmarks {
  private ScenarioBenchmarks() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.getInteger("kubemu.bench.runs", 5);
    var rows = new ArrayList<String>();
    rows.add("| scenario | median | min | max | runs |");
    rows.add("|---|---|---|---|---|");
    rows.add(row("in-process start (3 nodes, HTTP)", measure(runs + 2, ScenarioBenchmarks::startOnce), runs));
    rows.add(row("scale 0 -> 1,000 replicas, 20 nodes", measure(runs, () -> scale(1000, 20)), runs));
    rows.add(row("scale 0 -> 5,000 replicas, 50 nodes", measure(Math.max(1, runs / 2), () -> scale(5000, 50)),
        Math.max(1, runs / 2)));
    rows.forEach(System.out::println);
  }

  private interface Scenario {
    long runMillis() throws Exception;
  }

  private static List<Long> measure(int runs, Scenario scenario) throws Exception {
    scenario.runMillis();
    var times = new ArrayList<Long>();
    for (int i = 0; i < runs; i++) {
      times.add(scenario.runMillis());
    }
    times.sort(null);
    return times;
  }

  private static String row(String name, List<Long> times, int runs) {
    return String.format(Locale.ROOT, "| %s | %d ms | %d ms | %d ms | %d |", name, times.get(times.size() / 2),
        times.get(0), times.get(times.size() - 1), times.size());
  }

  private static long startOnce() {
    long start = System.nanoTime();
    try (Emulator kube = Emulator.builder().start()) {
      return (System.nanoTime() - start) / 1_000_000;
    }
  }

  private static long scale(int replicas, int nodes) throws Exception {
    NodeShape shape = new NodeShape(Quantity.parse("64"), Quantity.parse("256Gi"), 250, Quantity.parse("1Ti"));
    try (Emulator kube = Emulator.builder().http(false).nodes(nodes).nodeShape(shape).start()) {
      ResourceType deployments = kube.registry().find("apps", "v1", "deployments").orElseThrow();
      ResourceType pods = kube.registry().find("", "v1", "pods").orElseThrow();
      ObjectNode d = (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
          + "\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":0,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
          + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\","
          + "\"image\":\"nginx:1.25\",\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"16Mi\"}}}]}}}}")
          .getBytes());
      var user = RequestContext.forUser();
      kube.operations().create(deployments, "v1", "default", d, user);
      kube.awaitIdle();
      long start = System.nanoTime();
      kube.operations().patchScale(deployments, "default", "web", PatchType.MERGE,
          Json.parseTrusted(("{\"spec\":{\"replicas\":" + replicas + "}}").getBytes()), user);
      kube.awaitIdle();
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      int running = 0;
      for (var stored : kube.operations().list(pods, "default", ListOptions.everything()).items()) {
        JsonNode pod = kube.operations().storageTree(stored);
        if (pod.path("status").path("phase").asText().equals("Running")) {
          running++;
        }
      }
      JsonNode status = kube.operations().getTree(deployments, "default", "web").path("status");
      if (running != replicas || status.path("availableReplicas").asInt() != replicas) {
        throw new IllegalStateException("scale to " + replicas + " settled with " + running + " running pods and "
            + status.path("availableReplicas").asInt() + " available");
      }
      return elapsed;
    }
  }
}
