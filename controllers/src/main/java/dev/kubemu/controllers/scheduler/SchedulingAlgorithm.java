package dev.kubemu.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * One scheduling cycle for one pod, pure over the given node snapshot and volume lookup: run VolumeBinding's
 * PreFilter, then the filters on every node (VolumeBinding's last, as in the default plugin order), score the
 * feasible ones (LeastAllocated and BalancedAllocation, weight 1 each), pick the best (ties by node name), or build
 * kube-scheduler's FitError message.
 */
final class SchedulingAlgorithm {
  static final String NO_NODES = "no nodes available to schedule pods";
  static final String NO_VICTIMS = "No preemption victims found for incoming pod";
  static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";

  private SchedulingAlgorithm() {}

  static SchedulingDecision schedule(JsonNode pod, Collection<NodeInfo> nodes) {
    return schedule(pod, nodes, VolumeLookup.NONE);
  }

  static SchedulingDecision schedule(JsonNode pod, Collection<NodeInfo> nodes, VolumeLookup volumes) {
    if (nodes.isEmpty()) {
      return SchedulingDecision.unschedulable(NO_NODES);
    }
    boolean preemptionNever = pod.path("spec").path("preemptionPolicy").asText("").equals("Never");
    VolumeBinding.PreFilter preFilter = VolumeBinding.preFilter(pod, volumes);
    if (preFilter.failure() != null) {
      return SchedulingDecision.unschedulable(preFilterMessage(nodes.size(), preFilter.failure(), preemptionNever));
    }
    VolumeBinding.PodClaims claims = preFilter.claims();
    VolumeBinding.NodeVolumes bestVolumes = null;
    Resources requests = PodRequests.of(pod.path("spec"));
    Resources scoring = PodRequests.forScoring(pod.path("spec"));
    var failures = new ArrayList<Filters.Failure>();
    NodeInfo best = null;
    double bestScore = -1;
    var sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing(NodeInfo::name));
    for (NodeInfo node : sorted) {
      Filters.Failure failure = Filters.check(pod, node, requests);
      VolumeBinding.NodeVolumes nodeVolumes = null;
      if (failure == null && claims.any()) {
        VolumeBinding.NodeResult result = VolumeBinding.filter(claims, node.node(), volumes);
        if (!result.reasons().isEmpty()) {
          // VolumeBinding's rejections are UnschedulableAndUnresolvable: preemption cannot help
          failure = new Filters.Failure(result.reasons(), false);
        }
        nodeVolumes = result.volumes();
      }
      if (failure != null) {
        failures.add(failure);
        continue;
      }
      double score = score(node, scoring);
      if (score > bestScore) {
        best = node;
        bestScore = score;
        bestVolumes = nodeVolumes;
      }
    }
    if (best != null) {
      return SchedulingDecision.bind(best.name(), bestVolumes);
    }
    return SchedulingDecision.unschedulable(message(nodes.size(), failures, preemptionNever));
  }

  /**
   * The FitError of a pod a PreFilter plugin rejected: its message instead of a histogram, and, since the status
   * is UnschedulableAndUnresolvable on every node, preemption that cannot help anywhere.
   */
  static String preFilterMessage(int nodeCount, String preFilterMessage, boolean preemptionNever) {
    String message = "0/" + nodeCount + " nodes are available: " + preFilterMessage + ".";
    if (preemptionNever) {
      return message + " preemption: not eligible due to preemptionPolicy=Never.";
    }
    return message + " preemption: 0/" + nodeCount + " nodes are available: " + nodeCount + " " + NOT_HELPFUL + ".";
  }

  static double score(NodeInfo node, Resources podScoring) {
    Resources alloc = node.allocatable();
    Resources after = node.scoringRequested().plus(podScoring);
    double cpuFree = fraction(alloc.milliCpu() - after.milliCpu(), alloc.milliCpu());
    double memFree = fraction(alloc.memory() - after.memory(), alloc.memory());
    double leastAllocated = (cpuFree + memFree) / 2 * 100;
    double cpuUsed = Math.min(1, 1 - cpuFree);
    double memUsed = Math.min(1, 1 - memFree);
    double balanced = (1 - Math.abs(cpuUsed - memUsed) / 2) * 100;
    return Math.floor(leastAllocated) + Math.floor(balanced);
  }

  private static double fraction(long free, long total) {
    if (total <= 0) {
      return 0;
    }
    return Math.max(0, (double) free / total);
  }

  /** {@code 0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: ...}. */
  static String message(int nodeCount, List<Filters.Failure> failures, boolean preemptionNever) {
    var histogram = new TreeMap<String, Integer>();
    var preemption = new TreeMap<String, Integer>();
    for (Filters.Failure f : failures) {
      for (String reason : f.reasons()) {
        histogram.merge(reason, 1, Integer::sum);
      }
      preemption.merge(f.resolvable() ? NO_VICTIMS : NOT_HELPFUL, 1, Integer::sum);
    }
    String message = "0/" + nodeCount + " nodes are available: " + joined(histogram) + ".";
    if (preemptionNever) {
      return message + " preemption: not eligible due to preemptionPolicy=Never.";
    }
    return message + " preemption: 0/" + nodeCount + " nodes are available: " + joined(preemption) + ".";
  }

  private static String joined(TreeMap<String, Integer> counts) {
    var entries = new ArrayList<String>();
    counts.forEach((reason, n) -> entries.add(n + " " + reason));
    entries.sort(null);
    return String.join(", ", entries);
  }
}
