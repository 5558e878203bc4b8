package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Facts about a pod that controllers ask for (kube's podutil helpers). */
public final class Pods {
  private Pods() {}

  /** Not finished and not being deleted: counts toward a controller's replicas. */
  public static boolean isActive(JsonNode pod) {
    String phase = pod.path("status").path("phase").asText("");
    return !phase.equals("Succeeded") && !phase.equals("Failed") && !Meta.deleting(pod);
  }

  public static Optional<JsonNode> condition(JsonNode pod, String type) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public static boolean isReady(JsonNode pod) {
    return condition(pod, "Ready").map(c -> c.path("status").asText().equals("True")).orElse(false);
  }

  /** When the pod last became Ready, if it is Ready. */
  public static Optional<Instant> readySince(JsonNode pod) {
    return condition(pod, "Ready").filter(c -> c.path("status").asText().equals("True"))
        .flatMap(c -> Timestamps.parse(c.path("lastTransitionTime").asText("")));
  }

  /** Ready for at least {@code minReadySeconds} (podutil.IsPodAvailable). */
  public static boolean isAvailable(JsonNode pod, long minReadySeconds, Instant now) {
    if (!isReady(pod)) {
      return false;
    }
    if (minReadySeconds == 0) {
      return true;
    }
    return readySince(pod).map(t -> !t.plus(Duration.ofSeconds(minReadySeconds)).isAfter(now)).orElse(false);
  }

  /**
   * Replaces the pod's condition of {@code type} (status, reason and message may be null for none), as the
   * scheduler and the binding subresource write PodScheduled.
   */
  public static void setCondition(com.fasterxml.jackson.databind.node.ObjectNode pod, String type, String status,
      String reason, String message, String time) {
    var podStatus = pod.get("status") instanceof com.fasterxml.jackson.databind.node.ObjectNode s ? s
        : pod.putObject("status");
    var conditions = podStatus.get("conditions") instanceof com.fasterxml.jackson.databind.node.ArrayNode a ? a
        : podStatus.putArray("conditions");
    for (int i = conditions.size() - 1; i >= 0; i--) {
      if (conditions.get(i).path("type").asText().equals(type)) {
        conditions.remove(i);
      }
    }
    var condition = conditions.addObject();
    condition.put("type", type);
    condition.put("status", status);
    condition.putNull("lastProbeTime");
    condition.put("lastTransitionTime", time);
    if (reason != null) {
      condition.put("reason", reason);
    }
    if (message != null) {
      condition.put("message", message);
    }
  }

  /** The highest restart count among the pod's containers. */
  public static int maxRestarts(JsonNode pod) {
    int max = 0;
    for (JsonNode s : pod.path("status").path("containerStatuses")) {
      max = Math.max(max, s.path("restartCount").asInt(0));
    }
    return max;
  }
}
