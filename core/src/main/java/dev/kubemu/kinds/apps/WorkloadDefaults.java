package dev.kubemu.kinds.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.kinds.core.PersistentVolumeClaimDefaults;

/** The apps/v1 spec defaults ({@code pkg/apis/apps/v1/defaults.go}); pod templates are defaulted by the caller. */
public final class WorkloadDefaults {
  private WorkloadDefaults() {}

  /** SetDefaults_Deployment: one replica, RollingUpdate 25%/25%, 10 old ReplicaSets, a 600 s progress deadline. */
  public static void deployment(ObjectNode spec) {
    putIfAbsent(spec, "replicas", 1);
    ObjectNode strategy = child(spec, "strategy");
    if (strategy.path("type").asText("").isEmpty()) {
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

  /** SetDefaults_ReplicaSet: one replica. */
  public static void replicaSet(ObjectNode spec) {
    putIfAbsent(spec, "replicas", 1);
  }

  /**
   * SetDefaults_StatefulSet: OrderedReady, RollingUpdate with partition 0 (a rollingUpdate is only added when the type
   * was not given), Retain/Retain claim retention, one replica, 10 revisions; claim templates default like claims.
   */
  public static void statefulSet(ObjectNode spec) {
    if (spec.path("podManagementPolicy").asText("").isEmpty()) {
      spec.put("podManagementPolicy", "OrderedReady");
    }
    ObjectNode strategy = child(spec, "updateStrategy");
    if (strategy.path("type").asText("").isEmpty()) {
      strategy.put("type", "RollingUpdate");
      child(strategy, "rollingUpdate");
    }
    if (strategy.path("type").asText().equals("RollingUpdate") && strategy.get("rollingUpdate") instanceof ObjectNode r) {
      putIfAbsent(r, "partition", 0);
    }
    ObjectNode retention = child(spec, "persistentVolumeClaimRetentionPolicy");
    if (retention.path("whenDeleted").asText("").isEmpty()) {
      retention.put("whenDeleted", "Retain");
    }
    if (retention.path("whenScaled").asText("").isEmpty()) {
      retention.put("whenScaled", "Retain");
    }
    putIfAbsent(spec, "replicas", 1);
    putIfAbsent(spec, "revisionHistoryLimit", 10);
    for (JsonNode claim : spec.path("volumeClaimTemplates")) {
      if (claim instanceof ObjectNode c) {
        PersistentVolumeClaimDefaults.claimTemplate(c);
      }
    }
  }

  /** SetDefaults_DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0, 10 revisions. */
  public static void daemonSet(ObjectNode spec) {
    ObjectNode strategy = child(spec, "updateStrategy");
    if (strategy.path("type").asText("").isEmpty()) {
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
