package dev.kubemu.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pod statuses a kubelet posts, stage by stage, in the field order and wording of the real kubelet. Pure: the
 * caller passes the pod, the times and the addresses.
 */
final class PodStatuses {
  private PodStatuses() {}

  /** First sync: the sandbox is being created; containers wait in ContainerCreating (PodInitializing with inits). */
  static ObjectNode creating(JsonNode pod, String hostIp, String now) {
    ObjectNode status = base(pod);
    status.put("phase", "Pending");
    boolean hasInit = pod.path("spec").path("initContainers").size() > 0;
    var names = containerNames(pod, "containers");
    ArrayNode conditions = status.putArray("conditions");
    condition(conditions, "PodReadyToStartContainers", "False", null, null, now);
    if (hasInit) {
      condition(conditions, "Initialized", "False", "ContainersNotInitialized",
          "containers with incomplete status: " + bracket(containerNames(pod, "initContainers")), now);
    } else {
      condition(conditions, "Initialized", "True", null, null, now);
    }
    condition(conditions, "Ready", "False", "ContainersNotReady", "containers with unready status: " + bracket(names),
        now);
    condition(conditions, "ContainersReady", "False", "ContainersNotReady",
        "containers with unready status: " + bracket(names), now);
    copyScheduled(pod, conditions, now);
    status.put("hostIP", hostIp);
    status.putArray("hostIPs").addObject().put("ip", hostIp);
    status.put("startTime", now);
    if (hasInit) {
      ArrayNode inits = status.putArray("initContainerStatuses");
      for (JsonNode c : pod.path("spec").path("initContainers")) {
        waiting(inits.addObject(), c, "PodInitializing", pod);
      }
    }
    ArrayNode statuses = status.putArray("containerStatuses");
    for (JsonNode c : pod.path("spec").path("containers")) {
      waiting(statuses.addObject(), c, hasInit ? "PodInitializing" : "ContainerCreating", pod);
    }
    return status;
  }

  /**
   * Containers started: phase Running, the pod IP, init containers completed. A container with a readiness probe
   * is not ready until {@code readyContainers} says so.
   */
  static ObjectNode running(JsonNode pod, JsonNode previous, String podIp, String now, List<String> readyContainers) {
    return running(pod, previous, podIp, now, readyContainers, Map.of());
  }

  /**
   * Like {@link #running(JsonNode, JsonNode, String, String, List)}, with the statuses of containers whose command
   * has ended ({@link ContainerExits}): those are not ready, and when all of them have ended for good the pod ends
   * too, Succeeded when every exit code is 0, else Failed.
   */
  static ObjectNode running(JsonNode pod, JsonNode previous, String podIp, String now, List<String> readyContainers,
      Map<String, ObjectNode> ended) {
    ObjectNode status = base(pod);
    String phase = phase(pod, ended);
    status.put("phase", phase);
    var names = containerNames(pod, "containers");
    var unready = new ArrayList<String>();
    for (String n : names) {
      if (!readyContainers.contains(n) || ended.containsKey(n)) {
        unready.add(n);
      }
    }

    String started = previous.path("startTime").asText(now);
    String containersStartedAt = runningSince(previous, now);
    ArrayNode conditions = status.putArray("conditions");
    // a pod that has ended has its sandbox removed
    String sandbox = phase.equals("Running") ? "True" : "False";
    condition(conditions, "PodReadyToStartContainers", sandbox, null, null, keepTime(previous,
        "PodReadyToStartContainers", sandbox, now));
    condition(conditions, "Initialized", "True", null, null, keepTime(previous, "Initialized", "True", now));
    String readyStatus = unready.isEmpty() ? "True" : "False";
    String reason = unready.isEmpty() ? null : "ContainersNotReady";
    String message = unready.isEmpty() ? null : "containers with unready status: " + bracket(unready);
    if (!phase.equals("Running")) {
      reason = phase.equals("Succeeded") ? "PodCompleted" : "PodFailed";
      message = null;
    }
    condition(conditions, "Ready", readyStatus, reason, message, keepTime(previous, "Ready", readyStatus, now));
    condition(conditions, "ContainersReady", readyStatus, reason, message,
        keepTime(previous, "ContainersReady", readyStatus, now));
    copyScheduled(pod, conditions, now);
    status.set("hostIP", previous.path("hostIP"));
    status.set("hostIPs", previous.path("hostIPs"));
    status.put("podIP", podIp);
    status.putArray("podIPs").addObject().put("ip", podIp);
    status.put("startTime", started);
    if (pod.path("spec").path("initContainers").size() > 0) {
      ArrayNode inits = status.putArray("initContainerStatuses");
      for (JsonNode c : pod.path("spec").path("initContainers")) {
        ObjectNode s = inits.addObject();
        common(s, c, pod);
        ObjectNode terminated = s.putObject("state").putObject("terminated");
        terminated.put("exitCode", 0);
        terminated.put("reason", "Completed");
        terminated.put("startedAt", started);
        terminated.put("finishedAt", containersStartedAt);
        s.putObject("lastState");
        s.put("ready", true);
        s.put("restartCount", 0);
        s.put("started", false);
      }
    }
    ArrayNode statuses = status.putArray("containerStatuses");
    for (JsonNode c : pod.path("spec").path("containers")) {
      if (ended.containsKey(c.path("name").asText())) {
        statuses.add(ended.get(c.path("name").asText()));
        continue;
      }
      ObjectNode s = statuses.addObject();
      common(s, c, pod);
      s.putObject("state").putObject("running").put("startedAt", containersStartedAt);
      s.putObject("lastState");
      s.put("ready", readyContainers.contains(c.path("name").asText()));
      s.put("restartCount", 0);
      s.put("started", true);
    }
    return status;
  }

  /**
   * After a deleted pod's containers stopped: since Kubernetes 1.27 the kubelet moves the pod to a terminal phase
   * before it removes it. The containers exited 0 on SIGTERM, so the phase is Succeeded, containers are
   * {@code Terminated/Completed}, Ready and ContainersReady are False with reason {@code PodCompleted}, and the
   * sandbox is gone ({@code PodReadyToStartContainers=False}). {@code kubectl get pods} then shows
   * {@code 0/1 Completed}. A pod deleted before its containers ever ran ends Failed instead, its containers
   * still waiting, as the kubelet reports it.
   */
  static ObjectNode terminated(JsonNode pod, JsonNode previous, String now) {
    ObjectNode status = base(pod);
    boolean ran = !runningSince(previous, "").isEmpty();
    status.put("phase", ran ? "Succeeded" : "Failed");
    String started = previous.path("startTime").asText(now);
    ArrayNode conditions = status.putArray("conditions");
    condition(conditions, "PodReadyToStartContainers", "False", null, null,
        keepTime(previous, "PodReadyToStartContainers", "False", now));
    boolean initialized = pod.path("spec").path("initContainers").isEmpty() || ran;
    if (initialized) {
      condition(conditions, "Initialized", "True", null, null, keepTime(previous, "Initialized", "True", now));
    } else {
      condition(conditions, "Initialized", "False", "ContainersNotInitialized", "containers with incomplete status: "
          + bracket(containerNames(pod, "initContainers")), keepTime(previous, "Initialized", "False", now));
    }
    condition(conditions, "Ready", "False", ran ? "PodCompleted" : "PodFailed", null,
        keepTime(previous, "Ready", "False", now));
    condition(conditions, "ContainersReady", "False", ran ? "PodCompleted" : "PodFailed", null,
        keepTime(previous, "ContainersReady", "False", now));
    copyScheduled(pod, conditions, now);
    status.set("hostIP", previous.path("hostIP"));
    status.set("hostIPs", previous.path("hostIPs"));
    if (previous.has("podIP")) {
      status.set("podIP", previous.get("podIP"));
      status.set("podIPs", previous.get("podIPs"));
    }
    status.put("startTime", started);
    if (previous.has("initContainerStatuses")) {
      status.set("initContainerStatuses", previous.get("initContainerStatuses").deepCopy());
    }
    ArrayNode statuses = status.putArray("containerStatuses");
    for (JsonNode c : pod.path("spec").path("containers")) {
      ObjectNode s = statuses.addObject();
      JsonNode before = findStatus(previous.path("containerStatuses"), c.path("name").asText());
      String startedAt = before == null ? "" : before.path("state").path("running").path("startedAt").asText("");
      if (startedAt.isEmpty()) {
        // stopped before it ever ran: the kubelet reports it as it was, still waiting
        s.setAll(before != null ? (ObjectNode) before.deepCopy() : waitingStatus(c, pod));
        continue;
      }
      common(s, c, pod);
      ObjectNode terminated = s.putObject("state").putObject("terminated");
      terminated.put("containerID", s.path("containerID").asText());
      terminated.put("exitCode", 0);
      terminated.put("finishedAt", now);
      terminated.put("reason", "Completed");
      terminated.put("startedAt", startedAt);
      s.putObject("lastState");
      s.put("ready", false);
      s.put("restartCount", before.path("restartCount").asInt(0));
      s.put("started", false);
    }
    return status;
  }

  private static ObjectNode waitingStatus(JsonNode container, JsonNode pod) {
    ObjectNode s = Json.object();
    waiting(s, container, "ContainerCreating", pod);
    return s;
  }

  private static JsonNode findStatus(JsonNode statuses, String name) {
    for (JsonNode s : statuses) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** Running while any container runs or will be restarted; else Succeeded or Failed by the exit codes. */
  private static String phase(JsonNode pod, Map<String, ObjectNode> ended) {
    boolean failed = false;
    for (String name : containerNames(pod, "containers")) {
      JsonNode s = ended.get(name);
      if (s == null || !s.path("state").has("terminated")) {
        return "Running";
      }
      int code = s.path("state").path("terminated").path("exitCode").asInt();
      if (ContainerExits.restarts(pod, code)) {
        return "Running";
      }
      failed |= code != 0;
    }
    return failed ? "Failed" : "Succeeded";
  }

  /** The time the containers went running, kept across later status updates. */
  private static String runningSince(JsonNode previous, String now) {
    for (JsonNode s : previous.path("containerStatuses")) {
      String t = s.path("state").path("running").path("startedAt").asText("");
      if (!t.isEmpty()) {
        return t;
      }
    }
    return now;
  }

  private static String keepTime(JsonNode previous, String type, String status, String now) {
    for (JsonNode c : previous.path("conditions")) {
      if (c.path("type").asText().equals(type) && c.path("status").asText().equals(status)) {
        return c.path("lastTransitionTime").asText(now);
      }
    }
    return now;
  }

  private static ObjectNode base(JsonNode pod) {
    ObjectNode status = Json.object();
    status.put("qosClass", pod.path("status").path("qosClass").asText("BestEffort"));
    return status;
  }

  private static void copyScheduled(JsonNode pod, ArrayNode conditions, String now) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("PodScheduled")) {
        conditions.add(c.deepCopy());
        return;
      }
    }
    condition(conditions, "PodScheduled", "True", null, null, now);
  }

  private static void condition(ArrayNode conditions, String type, String status, String reason, String message,
      String time) {
    ObjectNode c = conditions.addObject();
    c.put("type", type);
    c.put("status", status);
    c.putNull("lastProbeTime");
    c.put("lastTransitionTime", time);
    if (reason != null) {
      c.put("reason", reason);
    }
    if (message != null) {
      c.put("message", message);
    }
  }

  /**
   * A container not created yet: the kubelet reports the image as the spec names it and an empty image ID, and no
   * container ID (describe prints {@code Container ID:} and {@code Image ID:} empty).
   */
  private static void waiting(ObjectNode s, JsonNode container, String reason, JsonNode pod) {
    s.put("name", container.path("name").asText());
    s.put("image", container.path("image").asText());
    s.put("imageID", "");
    s.putObject("state").putObject("waiting").put("reason", reason);
    s.putObject("lastState");
    s.put("ready", false);
    s.put("restartCount", 0);
    s.put("started", false);
  }

  private static void common(ObjectNode s, JsonNode container, JsonNode pod) {
    identify(s, container, pod, 0);
  }

  /** Name, image and IDs of a created container; every restart ({@code attempt}) is a new container ID. */
  static void identify(ObjectNode s, JsonNode container, JsonNode pod, int attempt) {
    String image = container.path("image").asText();
    s.put("name", container.path("name").asText());
    s.put("image", ImageNames.qualified(image));
    s.put("imageID", ImageNames.imageId(image));
    s.put("containerID", "containerd://" + ImageNames.containerId(pod.path("metadata").path("uid").asText() + "/"
        + container.path("name").asText() + (attempt == 0 ? "" : "/" + attempt), image));
  }

  static List<String> containerNames(JsonNode pod, String field) {
    var names = new ArrayList<String>();
    pod.path("spec").path(field).forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  private static String bracket(List<String> names) {
    return "[" + String.join(" ", names) + "]";
  }
}
