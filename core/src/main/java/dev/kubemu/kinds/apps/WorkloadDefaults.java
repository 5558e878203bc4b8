package dev.kubemu.kinds.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The apps/v1 spec defaults ({@code pkg/apis/apps/v1/defaults.go}). */
public final class WorkloadDefaults {
  private WorkloadDefaults() {}

  public static void deployment(ObjectNode spec) {
    ObjectNode strategy = child(spec, "strategy");
    if (!strategy.hasNonNull("type")) {
      strategy.put("type", "RollingUpdate");
    }
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      ObjectNode rolling = child(strategy, "rollingUpdate");
      putIfAbsent(rolling, "maxUnavailable", "25%");
      putIfAbsent(rolling, "maxSurge", "25%");
    }
    putIfAbsent(spec, "revisionHistoryLimit", 10);
    putIfAbsent(spec, "progressDeadlineSeconds", 600);
  }

  public static void replicaSet(ObjectNode spec) {
    // ReplicaSets default only replicas and the pod template
  }

  public static void statefulSet(ObjectNode spec) {
    if (!spec.hasNonNull("podManagementPolicy")) {
      spec.put("podManagementPolicy", "OrderedReady");
    }
    ObjectNode strategy = child(spec, "updateStrategy");
    if (!strategy.hasNonNull("type")) {
      strategy.put("type", "RollingUpdate");
    }
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      putIfAbsent(child(strategy, "rollingUpdate"), "partition", 0);
    }
    putIfAbsent(spec, "revisionHistoryLimit", 10);
    ObjectNode retention = child(spec, "persistentVolumeClaimRetentionPolicy");
    if (!retention.hasNonNull("whenDeleted")) {
      retention.put("whenDeleted", "Retain");
    }
    if (!retention.hasNonNull("whenScaled")) {
      retention.put("whenScaled", "Retain");
    }
    for (JsonNode claim : spec.path("volumeClaimTemplates")) {
      if (claim.path("spec") instanceof ObjectNode claimSpec && !claimSpec.hasNonNull("volumeMode")) {
        claimSpec.put("volumeMode", "Filesystem");
      }
      if (claim instanceof ObjectNode c) {
        if (!c.has("apiVersion")) {
          c.put("apiVersion", "v1");
        }
        if (!c.has("kind")) {
          c.put("kind", "PersistentVolumeClaim");
        }
        if (!(c.get("status") instanceof ObjectNode status) || !status.has("phase")) {
          child(c, "status").put("phase", "Pending");
        }
      }
    }
  }

  public static void daemonSet(ObjectNode spec) {
    ObjectNode strategy = child(spec, "updateStrategy");
    if (!strategy.hasNonNull("type")) {
      strategy.put("type", "RollingUpdate");
    }
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      ObjectNode rolling = child(strategy, "rollingUpdate");
      putIfAbsent(rolling, "maxUnavailable", 1);
      putIfAbsent(rolling, "maxSurge", 0);
    }
    putIfAbsent(spec, "revisionHistoryLimit", 10);
  }

  static ObjectNode child(ObjectNode parent, String field) {
    JsonNode existing = parent.get(field);
    if (existing instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(field);
  }

  private static void putIfAbsent(ObjectNode node, String field, String value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }

  private static void putIfAbsent(ObjectNode node, String field, int value) {
    if (!node.hasNonNull(field)) {
      node.put(field, value);
    }
  }
}
