package dev.kubemu.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.kinds.core.Pods;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/**
 * The order in which a ReplicaSet deletes pods on scale-down (kube's ActivePodsWithRanks): the pod that sorts first
 * goes first. Times are compared on a log2 scale (LogarithmicScaleDown) with the uid as tie-break.
 */
final class PodRanking {
  static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private PodRanking() {}

  /**
   * @param ranks pod name → number of active related pods on the same node (higher is deleted first)
   */
  static Comparator<JsonNode> order(Map<String, Integer> ranks, Instant now) {
    return (a, b) -> compare(a, b, ranks, now);
  }

  private static int compare(JsonNode a, JsonNode b, Map<String, Integer> ranks, Instant now) {
    boolean aAssigned = !a.path("spec").path("nodeName").asText("").isEmpty();
    boolean bAssigned = !b.path("spec").path("nodeName").asText("").isEmpty();
    if (aAssigned != bAssigned) {
      return aAssigned ? 1 : -1;
    }
    int phase = Integer.compare(phaseOrder(a), phaseOrder(b));
    if (phase != 0) {
      return phase;
    }
    boolean aReady = Pods.isReady(a);
    boolean bReady = Pods.isReady(b);
    if (aReady != bReady) {
      return aReady ? 1 : -1;
    }
    int cost = Long.compare(deletionCost(a), deletionCost(b));
    if (cost != 0) {
      return cost;
    }
    int rank = Integer.compare(ranks.getOrDefault(Meta.name(b), 0), ranks.getOrDefault(Meta.name(a), 0));
    if (rank != 0) {
      return rank;
    }
    if (aReady && bReady) {
      int ready = compareLogTimeNewerFirst(Pods.readySince(a).orElse(null), Pods.readySince(b).orElse(null), now,
          a, b);
      if (ready != 0) {
        return ready;
      }
    }
    int restarts = Integer.compare(Pods.maxRestarts(b), Pods.maxRestarts(a));
    if (restarts != 0) {
      return restarts;
    }
    return compareLogTimeNewerFirst(created(a), created(b), now, a, b);
  }

  private static Instant created(JsonNode pod) {
    return Timestamps.parse(pod.path("metadata").path("creationTimestamp").asText("")).orElse(null);
  }

  /** The more recent time first, compared by floor(log2(age)); equal buckets fall back to the uid. */
  private static int compareLogTimeNewerFirst(Instant a, Instant b, Instant now, JsonNode podA, JsonNode podB) {
    if (a == null || b == null) {
      return a == null && b == null ? 0 : (a == null ? 1 : -1);
    }
    int la = log2Bucket(now.getEpochSecond() - a.getEpochSecond());
    int lb = log2Bucket(now.getEpochSecond() - b.getEpochSecond());
    if (la != lb) {
      return Integer.compare(la, lb);
    }
    return Meta.uid(podA).compareTo(Meta.uid(podB));
  }

  private static int log2Bucket(long seconds) {
    return seconds <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(seconds);
  }

  private static int phaseOrder(JsonNode pod) {
    return switch (pod.path("status").path("phase").asText("")) {
      case "Pending" -> 0;
      case "Unknown" -> 1;
      case "Running" -> 2;
      default -> 3;
    };
  }

  private static long deletionCost(JsonNode pod) {
    try {
      return Long.parseLong(pod.path("metadata").path("annotations").path(DELETION_COST).asText("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
