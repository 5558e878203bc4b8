package dev.kubemu.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default filter plugins, in kube-scheduler's order; each returns the reasons a node does not fit (empty when it
 * does). Reason strings are kube-scheduler's.
 */
final class Filters {
  static final String UNSCHEDULABLE = "node(s) were unschedulable";
  static final String AFFINITY = "node(s) didn't match Pod's node affinity/selector";
  static final String PORTS = "node(s) didn't have free ports for the requested pod ports";
  static final String TOO_MANY_PODS = "Too many pods";

  private Filters() {}

  /** A node's failure: the reasons and whether preemption could ever help (resolvable). */
  record Failure(List<String> reasons, boolean resolvable) {}

  static Failure check(JsonNode pod, NodeInfo node, Resources podRequests) {
    JsonNode n = node.node();
    if (n.path("spec").path("unschedulable").asBoolean(false)
        && !tolerates(pod, "node.kubernetes.io/unschedulable", "", "NoSchedule")) {
      return new Failure(List.of(UNSCHEDULABLE), false);
    }
    for (JsonNode taint : n.path("spec").path("taints")) {
      String effect = taint.path("effect").asText();
      if ((effect.equals("NoSchedule") || effect.equals("NoExecute"))
          && !tolerates(pod, taint.path("key").asText(), taint.path("value").asText(""), effect)) {
        return new Failure(List.of("node(s) had untolerated taint {" + taint.path("key").asText() + ": "
            + taint.path("value").asText("") + "}"), false);
      }
    }
    if (!NodeAffinity.matches(pod, n)) {
      return new Failure(List.of(AFFINITY), false);
    }
    for (String port : PodUsage.hostPorts(pod)) {
      if (node.hostPortInUse(port)) {
        return new Failure(List.of(PORTS), true);
      }
    }
    var reasons = new ArrayList<String>();
    if (node.podCount() + 1 > node.allowedPods()) {
      reasons.add(TOO_MANY_PODS);
    }
    if (!podRequests.isZero()) {
      Resources free = node.allocatable().minus(node.requested());
      if (podRequests.milliCpu() > free.milliCpu()) {
        reasons.add("Insufficient cpu");
      }
      if (podRequests.memory() > free.memory()) {
        reasons.add("Insufficient memory");
      }
      if (podRequests.ephemeralStorage() > free.ephemeralStorage()) {
        reasons.add("Insufficient ephemeral-storage");
      }
    }
    return reasons.isEmpty() ? null : new Failure(reasons, true);
  }

  /** Whether any of the pod's tolerations tolerates the taint. */
  static boolean tolerates(JsonNode pod, String key, String value, String effect) {
    for (JsonNode t : pod.path("spec").path("tolerations")) {
      String tEffect = t.path("effect").asText("");
      if (!tEffect.isEmpty() && !tEffect.equals(effect)) {
        continue;
      }
      String tKey = t.path("key").asText("");
      String op = t.path("operator").asText("Equal");
      if (tKey.isEmpty()) {
        if (op.equals("Exists")) {
          return true;
        }
        continue;
      }
      if (!tKey.equals(key)) {
        continue;
      }
      if (op.equals("Exists") || t.path("value").asText("").equals(value)) {
        return true;
      }
    }
    return false;
  }

  static Map<String, String> labels(JsonNode node) {
    var labels = new java.util.HashMap<String, String>();
    node.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }
}
