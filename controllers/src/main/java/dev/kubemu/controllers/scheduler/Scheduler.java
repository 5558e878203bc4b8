package dev.kubemu.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControlLoop;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.EventRecorder;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
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
 * Unschedulable pods are tried again when an assigned pod or a node changes, and at least every 5 minutes; like
 * kube-scheduler's backoff queue, a pod that failed is not tried again before its backoff (1 s, doubling per failed
 * attempt up to 10 s) has passed, so a burst of cluster changes costs one attempt, not one per change.
 */
public final class Scheduler implements AutoCloseable {
  static final String NAME = "default-scheduler";
  static final Duration UNSCHEDULABLE_FLUSH = Duration.ofMinutes(5);
  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final ResourceOperations operations;
  private final ResourceType pods;
  private final ResourceType nodes;
  private final ClusterSnapshot snapshot;
  private final EventRecorder events;
  private final Set<ObjectKey> unschedulable = new LinkedHashSet<>();
  /** Failed attempts per pending pod: how many, and when the last one was. */
  private final Map<ObjectKey, Attempts> attempts = new HashMap<>();
  private final RequestContext request = RequestContext.internal(NAME);

  public Scheduler(ResourceOperations operations, ControlLoop loop) {
    this.operations = operations;
    this.pods = operations.registry().find("", "v1", "pods").orElseThrow();
    this.nodes = operations.registry().find("", "v1", "nodes").orElseThrow();
    this.snapshot = new ClusterSnapshot(operations, nodes, pods, loop);
    this.events = new EventRecorder(operations, NAME, null);
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder(NAME, pods)
        .watchesEvents(pods, this::retriesFor)
        .watches(nodes, node -> List.copyOf(unschedulable))
        .reconciler(this::reconcile).build();
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
    Attempts failed = attempts.get(key);
    if (failed != null) {
      Instant retryAt = failed.last().plus(backoff(failed.count()));
      if (now.isBefore(retryAt)) {
        return Result.requeueAfter(Duration.between(now, retryAt));
      }
    }
    SchedulingDecision decision = SchedulingAlgorithm.schedule(pod, snapshot.nodes());
    if (decision.scheduled()) {
      try {
        PodBinding.bind(operations, key.namespace(), key.name(), decision.node(), request);
      } catch (ApiException e) {
        if (e.code() == 404) {
          return Result.done();
        }
        throw e;
      }
      snapshot.assume(ClusterSnapshot.key(pod), pod, decision.node());
      forget(key);
      events.normal(pod, "Scheduled", "Successfully assigned " + key.namespace() + "/" + key.name() + " to "
          + decision.node());
      return Result.done();
    }
    unschedulable.add(key);
    attempts.put(key, new Attempts(failed == null ? 1 : failed.count() + 1, now));
    markUnschedulable(stored, pod, decision.failureMessage());
    events.warning(pod, "FailedScheduling", truncate(decision.failureMessage()));
    return Result.requeueAfter(UNSCHEDULABLE_FLUSH);
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
  }

  private void markUnschedulable(StoredObject stored, JsonNode pod, String message) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("PodScheduled") && c.path("status").asText().equals("False")
          && c.path("reason").asText().equals("Unschedulable") && c.path("message").asText().equals(message)) {
        return;
      }
    }
    ObjectNode next = (ObjectNode) pod.deepCopy();
    Pods.setCondition(next, "PodScheduled", "False", "Unschedulable", message,
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

  @Override
  public void close() {
    snapshot.close();
  }
}
