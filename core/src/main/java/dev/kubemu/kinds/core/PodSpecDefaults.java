package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * kube-apiserver's defaulting of a PodSpec ({@code pkg/apis/core/v1/defaults.go}), shared by Pods and every pod
 * template (Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs).
 */
public final class PodSpecDefaults {
  private PodSpecDefaults() {}

  public static void apply(ObjectNode spec) {
    putIfAbsent(spec, "restartPolicy", "Always");
    putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
    putIfAbsent(spec, "schedulerName", "default-scheduler");
    if (!spec.has("terminationGracePeriodSeconds")) {
      spec.put("terminationGracePeriodSeconds", 30);
    }
    if (!spec.has("securityContext")) {
      spec.putObject("securityContext");
    }
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : spec.path(list)) {
        if (c instanceof ObjectNode container) {
          applyContainer(container);
        }
      }
    }
  }

  static void applyContainer(ObjectNode c) {
    putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
    putIfAbsent(c, "terminationMessagePolicy", "File");
    putIfAbsent(c, "imagePullPolicy", pullPolicyFor(c.path("image").asText("")));
    if (!c.has("resources")) {
      c.putObject("resources");
    }
    for (JsonNode p : c.path("ports")) {
      if (p instanceof ObjectNode port) {
        putIfAbsent(port, "protocol", "TCP");
      }
    }
  }

  /** {@code Always} for {@code :latest} or untagged images, else {@code IfNotPresent}; digests count as tags. */
  static String pullPolicyFor(String image) {
    if (image.contains("@")) {
      return "IfNotPresent";
    }
    int slash = image.lastIndexOf('/');
    String last = image.substring(slash + 1);
    int colon = last.lastIndexOf(':');
    if (colon < 0 || last.substring(colon + 1).equals("latest")) {
      return "Always";
    }
    return "IfNotPresent";
  }

  static void putIfAbsent(ObjectNode node, String field, String value) {
    if (!node.hasNonNull(field) || node.path(field).asText().isEmpty()) {
      node.put(field, value);
    }
  }
}
