package dev.kubemu.kinds.printing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.printing.HumanDuration;
import java.time.Duration;
import java.time.Instant;

/** The READY, STATUS and RESTARTS cells of a pod row, computed as kube-apiserver's printPod does. */
final class PodStatusColumn {
  private PodStatusColumn() {}

  /** One pod's computed cells. */
  record Cells(String ready, String status, String restarts) {}

  static Cells of(JsonNode pod, Instant now) {
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    int total = spec.path("containers").size();
    int readyCount = 0;
    int restarts = 0;
    Instant lastRestart = null;
    String reason = status.path("phase").asText("");
    if (!status.path("reason").asText("").isEmpty()) {
      reason = status.path("reason").asText();
    }
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals("PodScheduled") && c.path("reason").asText().equals("SchedulingGated")) {
        reason = "SchedulingGated";
      }
    }
    java.util.Set<String> sidecars = new java.util.HashSet<>();
    for (JsonNode c : spec.path("initContainers")) {
      if (c.path("restartPolicy").asText().equals("Always")) {
        sidecars.add(c.path("name").asText());
        total++;
      }
    }
    boolean initializing = false;
    JsonNode inits = status.path("initContainerStatuses");
    int initCount = spec.path("initContainers").size();
    for (int i = 0; i < inits.size(); i++) {
      JsonNode c = inits.get(i);
      restarts += c.path("restartCount").asInt(0);
      Instant finished = lastTermination(c);
      if (finished != null && (lastRestart == null || finished.isAfter(lastRestart))) {
        lastRestart = finished;
      }
      boolean sidecar = sidecars.contains(c.path("name").asText());
      JsonNode state = c.path("state");
      if (state.has("terminated") && state.path("terminated").path("exitCode").asInt(0) == 0) {
        continue;
      }
      if (sidecar && c.path("started").asBoolean(false)) {
        if (c.path("ready").asBoolean(false)) {
          readyCount++;
        }
        continue;
      }
      if (state.has("terminated")) {
        JsonNode t = state.path("terminated");
        if (t.path("reason").asText("").isEmpty()) {
          reason = t.path("signal").asInt(0) != 0 ? "Init:Signal:" + t.path("signal").asInt()
              : "Init:ExitCode:" + t.path("exitCode").asInt();
        } else {
          reason = "Init:" + t.path("reason").asText();
        }
      } else if (state.has("waiting") && !state.path("waiting").path("reason").asText("").isEmpty()
          && !state.path("waiting").path("reason").asText().equals("PodInitializing")) {
        reason = "Init:" + state.path("waiting").path("reason").asText();
      } else {
        reason = "Init:" + i + "/" + initCount;
      }
      initializing = true;
      break;
    }
    if (!initializing || initializedTrue(status)) {
      restarts = 0;
      lastRestart = null;
      for (JsonNode c : inits) {
        if (sidecars.contains(c.path("name").asText())) {
          restarts += c.path("restartCount").asInt(0);
          Instant finished = lastTermination(c);
          if (finished != null && (lastRestart == null || finished.isAfter(lastRestart))) {
            lastRestart = finished;
          }
        }
      }
      boolean hasRunning = false;
      JsonNode containers = status.path("containerStatuses");
      for (int i = containers.size() - 1; i >= 0; i--) {
        JsonNode c = containers.get(i);
        restarts += c.path("restartCount").asInt(0);
        Instant finished = lastTermination(c);
        if (finished != null && (lastRestart == null || finished.isAfter(lastRestart))) {
          lastRestart = finished;
        }
        JsonNode state = c.path("state");
        if (state.has("waiting") && !state.path("waiting").path("reason").asText("").isEmpty()) {
          reason = state.path("waiting").path("reason").asText();
        } else if (state.has("terminated") && !state.path("terminated").path("reason").asText("").isEmpty()) {
          reason = state.path("terminated").path("reason").asText();
        } else if (state.has("terminated")) {
          JsonNode t = state.path("terminated");
          reason = t.path("signal").asInt(0) != 0 ? "Signal:" + t.path("signal").asInt()
              : "ExitCode:" + t.path("exitCode").asInt();
        } else if (c.path("ready").asBoolean(false) && state.has("running")) {
          hasRunning = true;
          readyCount++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = hasPodReadyCondition(status) ? "Running" : "NotReady";
      }
    }
    String phase = status.path("phase").asText("");
    boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");
    if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
      if (status.path("reason").asText("").equals("NodeLost")) {
        reason = "Unknown";
      } else if (!terminal) {
        reason = "Terminating";
      }
    }
    String restartCell = Integer.toString(restarts);
    if (restarts != 0 && lastRestart != null) {
      restartCell = restarts + " (" + HumanDuration.format(Duration.between(lastRestart, now)) + " ago)";
    }
    return new Cells(readyCount + "/" + total, reason, restartCell);
  }

  private static Instant lastTermination(JsonNode containerStatus) {
    String finished = containerStatus.path("lastState").path("terminated").path("finishedAt").asText("");
    return Timestamps.parse(finished).orElse(null);
  }

  private static boolean initializedTrue(JsonNode status) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals("Initialized") && c.path("status").asText().equals("True")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasPodReadyCondition(JsonNode status) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")) {
        return true;
      }
    }
    return false;
  }
}
