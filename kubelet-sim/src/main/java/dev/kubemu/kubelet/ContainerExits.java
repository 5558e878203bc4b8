package dev.kubemu.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The life of a container whose command ends by itself ({@code echo hi}): it exits at once with its exit code;
 * with {@code restartPolicy: Never} (or OnFailure and exit 0) it stays terminated and the pod ends; otherwise the
 * kubelet restarts it, the first time at once and then after a crash-loop back-off of 10 s doubling up to 5 minutes,
 * showing {@code CrashLoopBackOff} in between. Pure: the caller passes the previous status and the time.
 */
final class ContainerExits {
  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(10);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private ContainerExits() {}

  /** What changed for the container, so the kubelet records the matching events. */
  enum Change { NONE, STARTED, BACKING_OFF }

  /**
   * The container's next status.
   *
   * @param status the status to write (the previous one when nothing changes)
   * @param wakeAt when the kubelet should look again, or null
   */
  record Step(ObjectNode status, Change change, Instant wakeAt) {}

  /** The exit code of the container's command when it ends by itself; empty for a long-running container. */
  static OptionalInt exitCode(JsonNode container) {
    var argv = new ArrayList<String>();
    container.path("command").forEach(a -> argv.add(a.asText()));
    container.path("args").forEach(a -> argv.add(a.asText()));
    return CommandOutput.exitCode(argv);
  }

  /** Whether the kubelet restarts a container that exited with {@code exitCode} under the pod's restart policy. */
  static boolean restarts(JsonNode pod, int exitCode) {
    String policy = pod.path("spec").path("restartPolicy").asText("Always");
    return policy.equals("Always") || (policy.equals("OnFailure") && exitCode != 0);
  }

  /** The back-off before the next start of a container that has been restarted {@code restarts} times. */
  static Duration backoff(int restarts) {
    Duration d = INITIAL_BACKOFF;
    for (int i = 1; i < restarts; i++) {
      d = d.multipliedBy(2);
      if (d.compareTo(MAX_BACKOFF) >= 0) {
        return MAX_BACKOFF;
      }
    }
    return d;
  }

  /**
   * Advances a finite container: {@code previous} is its status (null or waiting to be created before its first
   * start), {@code notice} how long the kubelet takes to notice an exit.
   */
  static Step advance(JsonNode pod, JsonNode container, int exitCode, JsonNode previous, Instant now,
      Duration notice) {
    JsonNode state = previous == null ? Json.object() : previous.path("state");
    boolean restarts = restarts(pod, exitCode);
    if (previous == null || state.has("running") || (state.has("waiting")
        && !state.path("waiting").path("reason").asText().equals("CrashLoopBackOff"))) {
      return started(pod, container, exitCode, 0, null, now, restarts, notice);
    }
    int count = previous.path("restartCount").asInt(0);
    if (state.has("terminated")) {
      if (!restarts) {
        return new Step((ObjectNode) previous, Change.NONE, null);
      }
      Instant noticed = finishedAt(state).plus(notice);
      if (now.isBefore(noticed)) {
        return new Step((ObjectNode) previous, Change.NONE, noticed);
      }
      if (count == 0) {
        // the first restart is immediate; the back-off starts with the second
        return started(pod, container, exitCode, 1, state, now, true, notice);
      }
      ObjectNode waiting = base(previous);
      waiting.putObject("state").putObject("waiting").put("message", "back-off " + goDuration(backoff(count))
          + " restarting failed container=" + container.path("name").asText() + " pod=" + podRef(pod))
          .put("reason", "CrashLoopBackOff");
      waiting.set("lastState", state.deepCopy());
      finish(waiting, count);
      return new Step(waiting, Change.BACKING_OFF, finishedAt(state).plus(backoff(count)));
    }
    // waiting in CrashLoopBackOff
    JsonNode last = previous.path("lastState");
    Instant due = finishedAt(last).plus(backoff(count));
    if (now.isBefore(due)) {
      return new Step((ObjectNode) previous, Change.NONE, due);
    }
    return started(pod, container, exitCode, count + 1, last, now, true, notice);
  }

  private static Step started(JsonNode pod, JsonNode container, int exitCode, int restartCount, JsonNode lastState,
      Instant now, boolean restarts, Duration notice) {
    ObjectNode s = Json.object();
    PodStatuses.identify(s, container, pod, restartCount);
    ObjectNode terminated = s.putObject("state").putObject("terminated");
    terminated.put("containerID", s.path("containerID").asText());
    terminated.put("exitCode", exitCode);
    terminated.put("finishedAt", Timestamps.format(now));
    terminated.put("reason", exitCode == 0 ? "Completed" : "Error");
    terminated.put("startedAt", Timestamps.format(now));
    if (lastState == null) {
      s.putObject("lastState");
    } else {
      s.set("lastState", lastState.deepCopy());
    }
    finish(s, restartCount);
    return new Step(s, Change.STARTED, restarts ? now.plus(notice) : null);
  }

  private static ObjectNode base(JsonNode previous) {
    ObjectNode s = Json.object();
    for (String field : List.of("name", "image", "imageID", "containerID")) {
      if (previous.has(field)) {
        s.set(field, previous.get(field));
      }
    }
    return s;
  }

  private static void finish(ObjectNode s, int restartCount) {
    s.put("ready", false);
    s.put("restartCount", restartCount);
    s.put("started", false);
  }

  private static Instant finishedAt(JsonNode state) {
    return Timestamps.parse(state.path("terminated").path("finishedAt").asText("")).orElse(Instant.EPOCH);
  }

  /** The kubelet's pod reference in messages: {@code name_namespace(uid)}. */
  static String podRef(JsonNode pod) {
    return Meta.name(pod) + "_" + Meta.namespace(pod) + "(" + Meta.uid(pod) + ")";
  }

  /** A whole-second duration as Go prints it: {@code 10s}, {@code 1m20s}, {@code 5m0s}. */
  static String goDuration(Duration d) {
    long s = d.toSeconds();
    return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60) + "s";
  }
}
