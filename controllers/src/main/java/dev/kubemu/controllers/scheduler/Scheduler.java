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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * kube-scheduler for {@code schedulerName: default-scheduler}: binds each unassigned pod to the best node that fits,
 * or marks it {@code PodScheduled=False/Unschedulable} with kube-scheduler's message and a FailedScheduling event.
 * Unschedulable pods are tried again when an assigned pod or a node changes, and at least every 5 minutes.
 */
public final class Scheduler implements AutoCloseable {
  static final String NAME = "default-scheduler";
  static final Duration UNSCHEDULABLE_FLUSH = Duration.ofMinutes(5);

  private final ResourceOperations operations;
  private final ResourceType pods;
  private final ResourceType nodes;
  private final ClusterSnapshot snapshot;
  private final EventRecorder events;
  private final Set<ObjectKey> unschedulable = new LinkedHashSet<>();
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
      unschedulable.remove(key);
      return Result.done();
    }
    JsonNode pod = operations.storageTree(stored);
    if (!pod.path("spec").path("nodeName").asText("").isEmpty() || Meta.deleting(pod)
        || !NAME.equals(pod.path("spec").path("schedulerName").asText(NAME))
        || pod.path("spec").path("schedulingGates").size() > 0) {
      unschedulable.remove(key);
      return Result.done();
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
      unschedulable.remove(key);
      events.normal(pod, "Scheduled", "Successfully assigned " + key.namespace() + "/" + key.name() + " to "
          + decision.node());
      return Result.done();
    }
    unschedulable.add(key);
    markUnschedulable(stored, pod, decision.failureMessage());
    events.warning(pod, "FailedScheduling", truncate(decision.failureMessage()));
    return Result.requeueAfter(UNSCHEDULABLE_FLUSH);
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

  @Override
  public void close() {
    snapshot.close();
  }
}
