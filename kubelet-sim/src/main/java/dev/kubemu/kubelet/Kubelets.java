package dev.kubemu.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.EventRecorder;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The simulated kubelets of every node, as one reconciler over pods bound to a node: each pod moves
 * Pending → ContainerCreating → Running (Ready once readiness probes' initial delay has passed), gets an IP from its
 * node's pod CIDR, and on delete stops within its grace period and is removed. The stage is read from the pod's
 * stored status every time, so the lifecycle is level-based and survives any interleaving.
 */
public final class Kubelets {
  private final ResourceOperations operations;
  private final ResourceType pods;
  private final KubeletTimings timings;
  private final Map<String, PodIpAllocator> allocators = new HashMap<>();
  private final Map<String, EventRecorder> recorders = new HashMap<>();
  private final Map<String, Set<String>> pulledImages = new HashMap<>();
  private final Set<String> killing = new HashSet<>();

  public Kubelets(ResourceOperations operations, KubeletTimings timings) {
    this.operations = operations;
    this.pods = operations.registry().find("", "v1", "pods").orElseThrow();
    this.timings = timings;
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder("kubelet", pods).reconciler(this::reconcile).build();
  }

  Result reconcile(ObjectKey key) {
    StoredObject stored = operations.store().get(pods.storageResource(), key.namespace(), key.name());
    if (stored == null) {
      return Result.done();
    }
    JsonNode pod = operations.storageTree(stored);
    String node = pod.path("spec").path("nodeName").asText("");
    if (node.isEmpty()) {
      return Result.done();
    }
    NodeContext ctx = node(node);
    if (ctx == null) {
      // bound to a node without a kubelet: it stays Pending, as on a cluster whose node is gone
      return Result.done();
    }
    Instant now = operations.clock().now();
    if (Meta.deleting(pod)) {
      return terminate(stored, pod, ctx, now);
    }
    String phase = pod.path("status").path("phase").asText("");
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      return Result.done();
    }
    JsonNode status = pod.path("status");
    if (!status.has("startTime")) {
      for (JsonNode c : allContainers(pod)) {
        String image = c.path("image").asText();
        if (!ctx.pulled.contains(image) && !c.path("imagePullPolicy").asText().equals("Never")) {
          ctx.events.record(pod, "Normal", "Pulling", "Pulling image \"" + image + "\"", fieldPath(pod, c));
        }
      }
      writeStatus(stored, PodStatuses.creating(pod, ctx.hostIp, Timestamps.format(now)));
      return Result.requeueAfter(startupDelay(pod, ctx));
    }
    Instant startTime = Timestamps.parse(status.path("startTime").asText()).orElse(now);
    if (!status.has("podIP")) {
      Instant due = startTime.plus(startupDelay(pod, ctx));
      if (now.isBefore(due)) {
        return Result.requeueAfter(Duration.between(now, due));
      }
      String ip = ctx.ips.allocate(Meta.uid(pod));
      if (ip == null) {
        ctx.events.warning(pod, "FailedCreatePodSandBox", "Failed to create pod sandbox: no IP addresses available "
            + "in range set: " + ctx.podCidr);
        return Result.requeueAfter(Duration.ofSeconds(10));
      }
      announceStart(pod, ctx, startTime, now);
      Ended ended = advanceEnded(pod, status, ctx, now, true);
      writeStatus(stored, PodStatuses.running(pod, status, ip, Timestamps.format(now), readyContainers(pod, now,
          now), ended.statuses()));
      return earliest(nextReadinessCheck(pod, now, now), ended.wakeAt(), now);
    }
    Instant runningSince = runningSince(status).orElse(now);
    List<String> ready = readyContainers(pod, runningSince, now);
    Ended ended = advanceEnded(pod, status, ctx, now, false);
    boolean changed = ended.changed();
    for (JsonNode s : status.path("containerStatuses")) {
      String name = s.path("name").asText();
      if (!ended.statuses().containsKey(name) && s.path("ready").asBoolean() != ready.contains(name)) {
        changed = true;
      }
    }
    if (changed) {
      writeStatus(stored, PodStatuses.running(pod, status, status.path("podIP").asText(), Timestamps.format(now),
          ready, ended.statuses()));
    }
    return earliest(nextReadinessCheck(pod, runningSince, now), ended.wakeAt(), now);
  }

  /** The statuses of the containers whose command ends by itself, whether any changed, and when to look again. */
  private record Ended(Map<String, ObjectNode> statuses, boolean changed, Instant wakeAt) {}

  /**
   * Moves the containers whose command ends by itself ({@code echo hi}) along {@link ContainerExits}: exit,
   * restart, crash-loop back-off; records the kubelet's events for restarts and back-offs.
   */
  private Ended advanceEnded(JsonNode pod, JsonNode status, NodeContext ctx, Instant now, boolean firstStart) {
    var statuses = new java.util.LinkedHashMap<String, ObjectNode>();
    boolean changed = false;
    Instant wake = null;
    for (JsonNode c : pod.path("spec").path("containers")) {
      var code = ContainerExits.exitCode(c);
      if (code.isEmpty()) {
        continue;
      }
      String name = c.path("name").asText();
      JsonNode previous = null;
      for (JsonNode s : status.path("containerStatuses")) {
        if (s.path("name").asText().equals(name)) {
          previous = s;
        }
      }
      var step = ContainerExits.advance(pod, c, code.getAsInt(), previous, now, timings.containerStart());
      statuses.put(name, step.status());
      changed |= step.change() != ContainerExits.Change.NONE;
      String path = fieldPath(pod, c);
      if (step.change() == ContainerExits.Change.STARTED && !firstStart) {
        ctx.events.record(pod, "Normal", "Pulled", "Container image \"" + c.path("image").asText()
            + "\" already present on machine", path);
        ctx.events.record(pod, "Normal", "Created", "Created container: " + name, path);
        ctx.events.record(pod, "Normal", "Started", "Started container " + name, path);
      } else if (step.change() == ContainerExits.Change.BACKING_OFF) {
        ctx.events.record(pod, "Warning", "BackOff", "Back-off restarting failed container " + name + " in pod "
            + ContainerExits.podRef(pod), path);
      }
      if (step.wakeAt() != null && (wake == null || step.wakeAt().isBefore(wake))) {
        wake = step.wakeAt();
      }
    }
    return new Ended(statuses, changed, wake);
  }

  private static Result earliest(Result readiness, Instant wakeAt, Instant now) {
    if (wakeAt == null) {
      return readiness;
    }
    Duration untilWake = wakeAt.isAfter(now) ? Duration.between(now, wakeAt) : Duration.ZERO;
    Duration other = readiness.requeueAfterOrNull();
    return Result.requeueAfter(other == null || untilWake.compareTo(other) < 0 ? untilWake : other);
  }

  private void announceStart(JsonNode pod, NodeContext ctx, Instant startTime, Instant now) {
    for (JsonNode c : allContainers(pod)) {
      String image = c.path("image").asText();
      String path = fieldPath(pod, c);
      if (ctx.pulled.add(image) && !c.path("imagePullPolicy").asText().equals("Never")) {
        String took = seconds(timings.imagePull());
        ctx.events.record(pod, "Normal", "Pulled", "Successfully pulled image \"" + image + "\" in " + took + " ("
            + took + " including waiting). Image size: " + ImageNames.size(image) + " bytes.", path);
      } else {
        ctx.events.record(pod, "Normal", "Pulled", "Container image \"" + image + "\" already present on machine",
            path);
      }
      ctx.events.record(pod, "Normal", "Created", "Created container: " + c.path("name").asText(), path);
      ctx.events.record(pod, "Normal", "Started", "Started container " + c.path("name").asText(), path);
    }
  }

  /** Stops the containers and removes the pod once the shutdown time (at most its grace period) has passed. */
  private Result terminate(StoredObject stored, JsonNode pod, NodeContext ctx, Instant now) {
    String uid = Meta.uid(pod);
    if (killing.add(uid)) {
      for (JsonNode c : pod.path("spec").path("containers")) {
        if (pod.path("status").has("podIP")) {
          ctx.events.record(pod, "Normal", "Killing", "Stopping container " + c.path("name").asText(),
              fieldPath(pod, c));
        }
      }
    }
    Instant deadline = Timestamps.parse(pod.path("metadata").path("deletionTimestamp").asText()).orElse(now);
    long grace = pod.path("metadata").path("deletionGracePeriodSeconds").asLong(0);
    Instant requested = deadline.minusSeconds(grace);
    Instant due = requested.plus(timings.shutdown());
    if (due.isAfter(deadline)) {
      due = deadline;
    }
    if (now.isBefore(due)) {
      return Result.requeueAfter(Duration.between(now, due));
    }
    String phase = pod.path("status").path("phase").asText("");
    if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
      // the containers have stopped: report the terminal phase first, as kubelets do since 1.27
      writeStatus(stored, PodStatuses.terminated(pod, pod.path("status"), Timestamps.format(now)));
    }
    try {
      operations.delete(pods, "v1", Meta.namespace(pod), Meta.name(pod),
          new DeleteOptions(0L, null, uid, null, false), RequestContext.internal("kubelet"));
    } catch (ApiException e) {
      if (e.code() != 404 && e.code() != 409) {
        throw e;
      }
    }
    ctx.ips.release(uid);
    killing.remove(uid);
    return Result.done();
  }

  private Duration startupDelay(JsonNode pod, NodeContext ctx) {
    boolean needsPull = false;
    for (JsonNode c : allContainers(pod)) {
      if (!ctx.pulled.contains(c.path("image").asText())) {
        needsPull = true;
      }
    }
    return needsPull ? timings.imagePull().plus(timings.containerStart()) : timings.containerStart();
  }

  /** Containers whose readiness probe (if any) has passed its initial delay. */
  private static List<String> readyContainers(JsonNode pod, Instant runningSince, Instant now) {
    var ready = new ArrayList<String>();
    for (JsonNode c : pod.path("spec").path("containers")) {
      JsonNode probe = c.get("readinessProbe");
      long delay = probe == null ? 0 : probe.path("initialDelaySeconds").asLong(0);
      if (!now.isBefore(runningSince.plusSeconds(delay))) {
        ready.add(c.path("name").asText());
      }
    }
    return ready;
  }

  private static Result nextReadinessCheck(JsonNode pod, Instant runningSince, Instant now) {
    Instant next = null;
    for (JsonNode c : pod.path("spec").path("containers")) {
      JsonNode probe = c.get("readinessProbe");
      if (probe != null) {
        Instant at = runningSince.plusSeconds(probe.path("initialDelaySeconds").asLong(0));
        if (at.isAfter(now) && (next == null || at.isBefore(next))) {
          next = at;
        }
      }
    }
    return next == null ? Result.done() : Result.requeueAfter(Duration.between(now, next));
  }

  private static java.util.Optional<Instant> runningSince(JsonNode status) {
    for (JsonNode s : status.path("containerStatuses")) {
      var t = Timestamps.parse(s.path("state").path("running").path("startedAt").asText(""));
      if (t.isPresent()) {
        return t;
      }
    }
    return java.util.Optional.empty();
  }

  private void writeStatus(StoredObject stored, ObjectNode status) {
    // a status write takes only the status from the object it is given, the rest from the stored revision, so the
    // pod need not be copied here
    ObjectNode next = Json.object();
    next.set("status", status);
    operations.updateStored(pods, stored, next, RequestContext.internal("kubelet"), Target.STATUS);
  }

  private NodeContext node(String name) {
    ResourceType nodes = operations.registry().find("", "v1", "nodes").orElseThrow();
    StoredObject stored = operations.store().get(nodes.storageResource(), "", name);
    if (stored == null) {
      return null;
    }
    JsonNode node = operations.storageTree(stored);
    String cidr = node.path("spec").path("podCIDR").asText("");
    if (cidr.isEmpty() || !node.path("spec").path("providerID").asText("").startsWith("kubemu://")) {
      return null;
    }
    String hostIp = "";
    for (JsonNode a : node.path("status").path("addresses")) {
      if (a.path("type").asText().equals("InternalIP")) {
        hostIp = a.path("address").asText();
      }
    }
    var ips = allocators.computeIfAbsent(name, n -> new PodIpAllocator(cidr));
    var events = recorders.computeIfAbsent(name, n -> new EventRecorder(operations, "kubelet", n));
    return new NodeContext(hostIp, cidr, ips, events, pulledImages.computeIfAbsent(name, n -> new HashSet<>()));
  }

  private static List<JsonNode> allContainers(JsonNode pod) {
    var all = new ArrayList<JsonNode>();
    pod.path("spec").path("initContainers").forEach(all::add);
    pod.path("spec").path("containers").forEach(all::add);
    return all;
  }

  private static String fieldPath(JsonNode pod, JsonNode container) {
    for (JsonNode c : pod.path("spec").path("initContainers")) {
      if (c == container) {
        return "spec.initContainers{" + c.path("name").asText() + "}";
      }
    }
    return "spec.containers{" + container.path("name").asText() + "}";
  }

  private static String seconds(Duration d) {
    double s = d.toMillis() / 1000.0;
    if (s == Math.rint(s)) {
      return (long) s + "s";
    }
    return new java.math.BigDecimal(s).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString() + "s";
  }

  /** What one node's kubelet keeps. */
  private record NodeContext(String hostIp, String podCidr, PodIpAllocator ips, EventRecorder events,
      Set<String> pulled) {}
}
