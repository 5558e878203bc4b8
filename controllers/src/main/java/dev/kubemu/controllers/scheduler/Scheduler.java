package dev.kubemu.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.controllers.volume.VolumeWrites;
import dev.kubemu.controllers.volume.Volumes;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControlLoop;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.EventRecorder;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.WatchEvent;
import dev.kubemu.kinds.core.PodBinding;
import dev.kubemu.kinds.core.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kube-scheduler for {@code schedulerName: default-scheduler}: binds each unassigned pod to the best node that fits,
 * or marks it {@code PodScheduled=False/Unschedulable} with kube-scheduler's message and a FailedScheduling event.
 * Unschedulable pods are tried again when an assigned pod or a node changes (and, for pods with claims, a claim,
 * volume or class), and at least every 5 minutes; like kube-scheduler's backoff queue, a pod that failed is not
 * tried again before its backoff (1 s, doubling per failed attempt up to 10 s) has passed, so a burst of cluster
 * changes costs one attempt, not one per change.
 *
 * <p>A pod whose claims still need binding on the chosen node (WaitForFirstConsumer) is reserved there, its volumes
 * are pre-bound or its claims marked with the selected node, and it binds once the PV controller has bound them
 * all (VolumeBinding's PreBind); after {@link #BIND_TIMEOUT} without that, or when the binding is undone, the
 * attempt fails as upstream's does and the pod is tried again.
 */
public final class Scheduler implements AutoCloseable {
  static final String NAME = "default-scheduler";
  static final Duration UNSCHEDULABLE_FLUSH = Duration.ofMinutes(5);
  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  /** VolumeBinding's {@code bindTimeoutSeconds} default. */
  static final Duration BIND_TIMEOUT = Duration.ofMinutes(10);

  private final ResourceOperations operations;
  private final ResourceType pods;
  private final ResourceType nodes;
  private final ResourceType claims;
  private final ResourceType volumes;
  private final ResourceType classes;
  private final ClusterSnapshot snapshot;
  private final EventRecorder events;
  private final Set<ObjectKey> unschedulable = new LinkedHashSet<>();
  /** Failed attempts per pending pod: how many, and when the last one was. */
  private final Map<ObjectKey, Attempts> attempts = new HashMap<>();
  /** Pods reserved on a node, waiting for their volumes to be bound. */
  private final Map<ObjectKey, VolumeWait> waiting = new HashMap<>();
  /** The claims of pending pods (unschedulable or waiting), so claim and volume changes find who may move. */
  private final Map<ObjectKey, List<String>> claimsOf = new HashMap<>();
  private final RequestContext request = RequestContext.internal(NAME);

  public Scheduler(ResourceOperations operations, ControlLoop loop) {
    this.operations = operations;
    this.pods = operations.registry().find("", "v1", "pods").orElseThrow();
    this.nodes = operations.registry().find("", "v1", "nodes").orElseThrow();
    this.claims = operations.registry().find("", "v1", "persistentvolumeclaims").orElseThrow();
    this.volumes = operations.registry().find("", "v1", "persistentvolumes").orElseThrow();
    this.classes = operations.registry().find("storage.k8s.io", "v1", "storageclasses").orElseThrow();
    this.snapshot = new ClusterSnapshot(operations, nodes, pods, loop);
    this.events = new EventRecorder(operations, NAME, null);
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder(NAME, pods)
        .watchesEvents(pods, this::retriesFor)
        .watches(nodes, node -> List.copyOf(unschedulable))
        .watches(claims, this::usersOf)
        .watches(volumes, pv -> List.copyOf(claimsOf.keySet()))
        .watches(classes, sc -> List.copyOf(claimsOf.keySet()))
        .reconciler(this::reconcile).build();
  }

  /** Pending pods that use the claim: a new or changed claim may let them schedule, or finish their binding. */
  private List<ObjectKey> usersOf(JsonNode claim) {
    var keys = new ArrayList<ObjectKey>();
    claimsOf.forEach((key, names) -> {
      if (key.namespace().equals(Meta.namespace(claim)) && names.contains(Meta.name(claim))) {
        keys.add(key);
      }
    });
    return keys;
  }

  /** An assigned pod that goes away or finishes frees capacity: the unschedulable pods get another try. */
  private List<ObjectKey> retriesFor(WatchEvent.Type event, JsonNode pod) {
    if (pod.path("spec").path("nodeName").asText("").isEmpty() || unschedulable.isEmpty()) {
      return List.of();
    }
    String phase = pod.path("status").path("phase").asText("");
    boolean freed = event == WatchEvent.Type.DELETED || phase.equals("Succeeded") || phase.equals("Failed");
    return freed ? new ArrayList<>(unschedulable) : List.of();
  }

  Result reconcile(ObjectKey key) {
    StoredObject stored = operations.store().get(pods.storageResource(), key.namespace(), key.name());
    if (stored == null) {
      forget(key);
      return Result.done();
    }
    JsonNode pod = operations.storageTree(stored);
    if (!pod.path("spec").path("nodeName").asText("").isEmpty() || Meta.deleting(pod)
        || !NAME.equals(pod.path("spec").path("schedulerName").asText(NAME))
        || pod.path("spec").path("schedulingGates").size() > 0) {
      forget(key);
      return Result.done();
    }
    Instant now = operations.clock().now();
    VolumeWait wait = waiting.get(key);
    if (wait != null) {
      return continueVolumeBinding(key, stored, pod, wait, now);
    }
    Attempts failed = attempts.get(key);
    if (failed != null) {
      Instant retryAt = failed.last().plus(backoff(failed.count()));
      if (now.isBefore(retryAt)) {
        return Result.requeueAfter(Duration.between(now, retryAt));
      }
    }
    var lookup = new StoreVolumeLookup();
    SchedulingDecision decision = SchedulingAlgorithm.schedule(pod, snapshot.nodes(), lookup);
    if (decision.scheduled() && decision.needsVolumeBinding()) {
      return startVolumeBinding(key, stored, pod, decision, now);
    }
    if (decision.scheduled()) {
      return bind(key, pod, decision.node());
    }
    unschedulable.add(key);
    rememberClaims(key, pod);
    attempts.put(key, new Attempts(failed == null ? 1 : failed.count() + 1, now));
    markUnschedulable(stored, pod, "Unschedulable", decision.failureMessage());
    events.warning(pod, "FailedScheduling", truncate(decision.failureMessage()));
    return Result.requeueAfter(UNSCHEDULABLE_FLUSH);
  }

  private Result bind(ObjectKey key, JsonNode pod, String node) {
    try {
      PodBinding.bind(operations, key.namespace(), key.name(), node, request);
    } catch (ApiException e) {
      if (e.code() == 404) {
        forget(key);
        return Result.done();
      }
      throw e;
    }
    snapshot.assume(ClusterSnapshot.key(pod), pod, node);
    forget(key);
    events.normal(pod, "Scheduled", "Successfully assigned " + key.namespace() + "/" + key.name() + " to " + node);
    return Result.done();
  }

  /**
   * Reserve and the start of PreBind: the pod is counted on the node, static volumes are pre-bound to their claims
   * (claimRef and bound-by-controller, which the PV controller completes) and claims to provision get the selected
   * node, which their provisioner waits for.
   */
  private Result startVolumeBinding(ObjectKey key, StoredObject stored, JsonNode pod, SchedulingDecision decision,
      Instant now) {
    snapshot.reserve(ClusterSnapshot.key(pod), pod, decision.node());
    rememberClaims(key, pod);
    try {
      for (VolumeBinding.Binding binding : decision.volumes().staticBindings()) {
        preBind(binding);
      }
      for (JsonNode claim : decision.volumes().provisions()) {
        selectNode(claim, decision.node());
      }
    } catch (ApiException e) {
      return volumeBindingFailed(key, stored, pod, e.getMessage(), now);
    }
    VolumeWait wait = new VolumeWait(decision.node(), decision.volumes(), now.plus(BIND_TIMEOUT));
    waiting.put(key, wait);
    return continueVolumeBinding(key, stored, pod, wait, now);
  }

  private void preBind(VolumeBinding.Binding binding) {
    JsonNode claim = binding.claim();
    StoredObject current = operations.store().get(volumes.storageResource(), "", Meta.name(binding.volume()));
    if (current == null) {
      throw ApiErrors.notFound(volumes.groupResource(), Meta.name(binding.volume()));
    }
    ObjectNode next = (ObjectNode) operations.storageTree(current).deepCopy();
    ((ObjectNode) next.get("spec")).set("claimRef", VolumeWrites.claimRef(claim));
    VolumeWrites.annotate(next, Volumes.BOUND_BY_CONTROLLER, "yes");
    operations.updateStored(volumes, current, next, request, Target.MAIN);
  }

  private void selectNode(JsonNode claim, String node) {
    StoredObject current = operations.store().get(claims.storageResource(), Meta.namespace(claim), Meta.name(claim));
    if (current == null) {
      throw ApiErrors.notFound(claims.groupResource(), Meta.name(claim));
    }
    JsonNode tree = operations.storageTree(current);
    if (Volumes.annotation(tree, Volumes.SELECTED_NODE).equals(node)) {
      return;
    }
    ObjectNode next = (ObjectNode) tree.deepCopy();
    VolumeWrites.annotate(next, Volumes.SELECTED_NODE, node);
    operations.updateStored(claims, current, next, request, Target.MAIN);
  }

  /** PreBind's wait: bind the pod once its volumes are bound, fail the attempt on an error or the timeout. */
  private Result continueVolumeBinding(ObjectKey key, StoredObject stored, JsonNode pod, VolumeWait wait,
      Instant now) {
    StoredObject nodeStored = operations.store().get(nodes.storageResource(), "", wait.node());
    if (nodeStored == null) {
      return volumeBindingFailed(key, stored, pod, "failed to get node \"" + wait.node() + "\": node \""
          + wait.node() + "\" not found", now);
    }
    VolumeBinding.Check check = VolumeBinding.check(wait.volumes(), operations.storageTree(nodeStored),
        key.namespace(), new StoreVolumeLookup());
    if (check.bound()) {
      waiting.remove(key);
      return bind(key, pod, wait.node());
    }
    if (check.error() != null) {
      return volumeBindingFailed(key, stored, pod, "binding volumes: " + check.error(), now);
    }
    if (!now.isBefore(wait.deadline())) {
      return volumeBindingFailed(key, stored, pod, "binding volumes: context deadline exceeded", now);
    }
    return Result.requeueAfter(Duration.between(now, wait.deadline()));
  }

  /** A failed PreBind: the reservation goes, the pod reports a SchedulerError and is tried again after backoff. */
  private Result volumeBindingFailed(ObjectKey key, StoredObject stored, JsonNode pod, String error, Instant now) {
    waiting.remove(key);
    snapshot.unreserve(ClusterSnapshot.key(pod));
    String message = "running PreBind plugin \"VolumeBinding\": " + error;
    Attempts failed = attempts.get(key);
    int count = failed == null ? 1 : failed.count() + 1;
    attempts.put(key, new Attempts(count, now));
    unschedulable.add(key);
    markUnschedulable(stored, pod, "SchedulerError", message);
    events.warning(pod, "FailedScheduling", truncate(message));
    return Result.requeueAfter(backoff(count));
  }

  private void rememberClaims(ObjectKey key, JsonNode pod) {
    List<String> names = Volumes.claimNames(pod);
    if (!names.isEmpty()) {
      claimsOf.put(key, names);
    }
  }

  /** kube-scheduler's pod backoff after {@code failures} failed attempts: 1 s, doubling, at most 10 s. */
  static Duration backoff(int failures) {
    Duration d = INITIAL_BACKOFF;
    for (int i = 1; i < failures; i++) {
      d = d.multipliedBy(2);
      if (d.compareTo(MAX_BACKOFF) >= 0) {
        return MAX_BACKOFF;
      }
    }
    return d;
  }

  private void forget(ObjectKey key) {
    unschedulable.remove(key);
    attempts.remove(key);
    claimsOf.remove(key);
    if (waiting.remove(key) != null) {
      snapshot.unreserve(key.namespace() + "/" + key.name());
    }
  }

  private void markUnschedulable(StoredObject stored, JsonNode pod, String reason, String message) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("PodScheduled") && c.path("status").asText().equals("False")
          && c.path("reason").asText().equals(reason) && c.path("message").asText().equals(message)) {
        return;
      }
    }
    ObjectNode next = (ObjectNode) pod.deepCopy();
    Pods.setCondition(next, "PodScheduled", "False", reason, message,
        Timestamps.format(operations.clock().now()));
    try {
      operations.updateStored(pods, stored, next, request, Target.STATUS);
    } catch (ApiException e) {
      if (e.code() != 404 && e.code() != 409) {
        throw e;
      }
    }
  }

  private static String truncate(String message) {
    return message.length() <= 1024 ? message : message.substring(0, 1020) + " ...";
  }

  /** A pending pod's failed scheduling attempts. */
  private record Attempts(int count, Instant last) {}

  /** A pod reserved on {@code node} until its volumes are bound, or {@code deadline}. */
  private record VolumeWait(String node, VolumeBinding.NodeVolumes volumes, Instant deadline) {}

  /** Claims, volumes and classes as currently stored; each class's volumes listed once per scheduling cycle. */
  private final class StoreVolumeLookup implements VolumeLookup {
    private final Map<String, List<JsonNode>> byClass = new HashMap<>();

    @Override
    public JsonNode claim(String namespace, String name) {
      return tree(operations.store().get(claims.storageResource(), namespace, name));
    }

    @Override
    public JsonNode volume(String name) {
      return tree(operations.store().get(volumes.storageResource(), "", name));
    }

    @Override
    public JsonNode storageClass(String name) {
      return name.isEmpty() ? null : tree(operations.store().get(classes.storageResource(), "", name));
    }

    @Override
    public List<JsonNode> volumesOfClass(String className) {
      return byClass.computeIfAbsent(className, c -> {
        var list = new ArrayList<JsonNode>();
        for (StoredObject o : operations.list(volumes, "", ListOptions.everything()).items()) {
          JsonNode pv = operations.storageTree(o);
          if (Volumes.volumeClass(pv).equals(c)) {
            list.add(pv);
          }
        }
        return list;
      });
    }

    private JsonNode tree(StoredObject stored) {
      return stored == null ? null : operations.storageTree(stored);
    }
  }

  @Override
  public void close() {
    snapshot.close();
  }
}
