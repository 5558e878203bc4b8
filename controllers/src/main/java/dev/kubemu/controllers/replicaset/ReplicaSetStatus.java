package dev.kubemu.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import java.time.Instant;
import java.util.List;

/** The status a ReplicaSet reports for its active pods (kube's calculateStatus). Pure. */
final class ReplicaSetStatus {
  private ReplicaSetStatus() {}

  /**
   * @param failure the error of the last create/delete attempt, or null
   */
  static ObjectNode of(JsonNode rs, List<PodFacts> activePods, String failureReason, String failure, Instant now) {
    var templateLabels = LabelSelector.fromMap(Meta.labels(rs.path("spec").path("template")));
    long minReady = rs.path("spec").path("minReadySeconds").asLong(0);
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (PodFacts pod : activePods) {
      if (templateLabels.matches(pod.labels())) {
        fullyLabeled++;
      }
      if (pod.ready()) {
        ready++;
        if (pod.available(minReady, now)) {
          available++;
        }
      }
    }
    ObjectNode status = Json.object();
    status.put("replicas", activePods.size());
    status.put("fullyLabeledReplicas", fullyLabeled);
    if (ready > 0) {
      status.put("readyReplicas", ready);
    }
    if (available > 0) {
      status.put("availableReplicas", available);
    }
    status.put("observedGeneration", rs.path("metadata").path("generation").asLong());
    JsonNode previous = rs.path("status").path("conditions");
    ArrayNode conditions = Json.array();
    for (JsonNode c : previous) {
      if (!c.path("type").asText().equals("ReplicaFailure")) {
        conditions.add(c);
      }
    }
    if (failure != null) {
      ObjectNode c = conditions.addObject();
      c.put("type", "ReplicaFailure");
      c.put("status", "True");
      JsonNode old = findFailure(previous);
      c.put("lastTransitionTime", old != null ? old.path("lastTransitionTime").asText()
          : Timestamps.format(now));
      c.put("reason", failureReason);
      c.put("message", failure);
    }
    if (!conditions.isEmpty()) {
      status.set("conditions", conditions);
    }
    return status;
  }

  private static JsonNode findFailure(JsonNode conditions) {
    for (JsonNode c : conditions) {
      if (c.path("type").asText().equals("ReplicaFailure")) {
        return c;
      }
    }
    return null;
  }
}
