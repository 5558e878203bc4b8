package dev.kubemu.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.controllers.statefulset.StatefulSetPlanner.Plan;
import dev.kubemu.controllers.statefulset.StatefulSetPlanner.Step;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.EventRecorder;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.OwnerIndex;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs StatefulSets (kube's statefulset controller): members {@code <set>-0 … <set>-(n-1)} with their own claims,
 * created and removed in order (or all at once for {@code Parallel}), rolled to new revisions one at a time from the
 * highest ordinal, with a ControllerRevision per distinct template. {@link StatefulSetPlanner} decides; this class
 * reads the store, carries out the plan, records events and writes status.
 */
public final class StatefulSetController {
  private final ResourceOperations operations;
  private final ResourceType statefulSets;
  private final ResourceType pods;
  private final ResourceType claims;
  private final ResourceType revisions;
  private final OwnerIndex podsByOwner;
  private final OwnerIndex revisionsByOwner;
  private final EventRecorder events;
  private final RequestContext request = RequestContext.internal("statefulset-controller");

  public StatefulSetController(ResourceOperations operations, OwnerIndex podsByOwner, OwnerIndex revisionsByOwner) {
    this.operations = operations;
    this.statefulSets = operations.registry().find("apps", "v1", "statefulsets").orElseThrow();
    this.pods = operations.registry().find("", "v1", "pods").orElseThrow();
    this.claims = operations.registry().find("", "v1", "persistentvolumeclaims").orElseThrow();
    this.revisions = operations.registry().find("apps", "v1", "controllerrevisions").orElseThrow();
    this.podsByOwner = podsByOwner;
    this.revisionsByOwner = revisionsByOwner;
    this.events = new EventRecorder(operations, "statefulset-controller", null);
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder("statefulset-controller", statefulSets).owns(pods).owns(revisions)
        .reconciler(this::reconcile).build();
  }

  Result reconcile(ObjectKey key) {
    StoredObject stored = operations.store().get(statefulSets.storageResource(), key.namespace(), key.name());
    if (stored == null) {
      return Result.done();
    }
    JsonNode set = operations.storageTree(stored);
    List<JsonNode> history = Revisions.sorted(trees(revisionsByOwner.owned(Meta.uid(set))));
    long[] collisionCount = {set.path("status").path("collisionCount").asLong(0)};
    JsonNode update = updateRevision(set, history, collisionCount);
    JsonNode current = update;
    String currentName = set.path("status").path("currentRevision").asText("");
    for (JsonNode revision : history) {
      if (Meta.name(revision).equals(currentName)) {
        current = revision;
      }
    }
    List<JsonNode> members = new ArrayList<>();
    for (JsonNode pod : trees(podsByOwner.owned(Meta.uid(set)))) {
      if (StatefulPods.ordinal(Meta.name(set), Meta.name(pod)) >= 0) {
        members.add(pod);
      }
    }
    var names = new StatefulSetPlanner.Revisions(Meta.name(current), Revisions.templateOf(current),
        Meta.name(update), Revisions.templateOf(update));
    Plan plan = StatefulSetPlanner.plan(set, names, members, operations.clock().now());
    carryOut(set, plan);
    ObjectNode status = StatefulSetPlanner.finish(set, plan.status(), collisionCount[0]);
    writeStatus(key, status);
    truncateHistory(set, history, status, members);
    long minReady = set.path("spec").path("minReadySeconds").asLong(0);
    if (minReady > 0 && status.path("readyReplicas").asInt(0) != status.path("availableReplicas").asInt(0)) {
      return Result.requeueAfter(Duration.ofSeconds(minReady));
    }
    return Result.done();
  }

  /** The stored object, or null when there is none. */
  private StoredObject find(ResourceType type, String namespace, String name) {
    return operations.store().get(type.storageResource(), namespace, name);
  }

  private List<JsonNode> trees(List<StoredObject> stored) {
    var trees = new ArrayList<JsonNode>(stored.size());
    stored.forEach(s -> trees.add(operations.storageTree(s)));
    return trees;
  }

  /**
   * getStatefulSetRevisions: the revision for the set's template. The newest revision if it matches; an older
   * matching one is renumbered to become the newest (a rollback); otherwise a new one, named by its hash, with the
   * collision count raised while another revision holds that name.
   */
  private JsonNode updateRevision(JsonNode set, List<JsonNode> history, long[] collisionCount) {
    ObjectNode data = Revisions.dataOf(set);
    long next = history.isEmpty() ? 1 : Revisions.number(history.get(history.size() - 1)) + 1;
    JsonNode equal = Revisions.lastEqual(history, data);
    if (equal != null && equal == history.get(history.size() - 1)) {
      return equal;
    }
    if (equal != null) {
      StoredObject stored = operations.get(revisions, Meta.namespace(equal), Meta.name(equal));
      ObjectNode renumbered = (ObjectNode) equal.deepCopy();
      renumbered.put("revision", next);
      return operations.updateStored(revisions, stored, renumbered, request, Target.MAIN).object();
    }
    while (true) {
      ObjectNode revision = Revisions.newRevision(set, data, next, collisionCount[0]);
      try {
        return operations.create(revisions, "v1", Meta.namespace(set), revision, request).object();
      } catch (ApiException e) {
        if (e.code() != 409) {
          throw e;
        }
        StoredObject existing = find(revisions, Meta.namespace(set), Meta.name(revision));
        if (existing != null && operations.storageTree(existing).path("data").equals(data)) {
          return operations.storageTree(existing);
        }
        collisionCount[0]++;
      }
    }
  }

  private void carryOut(JsonNode set, Plan plan) {
    for (Step step : plan.steps()) {
      Outcome outcome = switch (step.action()) {
        case CREATE_POD -> createPod(set, step.pod());
        case CREATE_CLAIMS -> createMissingClaims(set, step.pod());
        case RESTORE_IDENTITY -> restoreIdentity(set, step.pod());
        case ALIGN_CLAIMS -> alignClaims(set, step.pod(), step.condemned());
        case DELETE_POD -> deletePod(set, step.pod());
      };
      if (outcome == Outcome.FAILED || (outcome == Outcome.BLOCKED && plan.monotonic())) {
        return;
      }
    }
  }

  /** How a step went: BLOCKED is no error but leaves the pod for a later pass (a claim still being deleted). */
  private enum Outcome { DONE, BLOCKED, FAILED }

  private Outcome createPod(JsonNode set, JsonNode pod) {
    int ordinal = StatefulPods.ordinal(Meta.name(set), Meta.name(pod));
    for (ObjectNode claim : StatefulPods.claims(set, ordinal)) {
      StoredObject existing = find(claims, Meta.namespace(claim), Meta.name(claim));
      if (existing != null && Meta.deleting(operations.storageTree(existing))) {
        return Outcome.BLOCKED;
      }
    }
    Outcome claimsCreated = createMissingClaims(set, pod);
    if (claimsCreated != Outcome.DONE) {
      return claimsCreated;
    }
    String verb = "create Pod " + Meta.name(pod) + " in StatefulSet " + Meta.name(set);
    try {
      operations.create(pods, "v1", Meta.namespace(set), (ObjectNode) pod, request);
      events.normal(set, "SuccessfulCreate", verb + " successful");
      return Outcome.DONE;
    } catch (ApiException e) {
      events.warning(set, "FailedCreate", verb + " failed error: " + e.getMessage());
      return Outcome.FAILED;
    }
  }

  private Outcome createMissingClaims(JsonNode set, JsonNode pod) {
    int ordinal = StatefulPods.ordinal(Meta.name(set), Meta.name(pod));
    for (ObjectNode claim : StatefulPods.claims(set, ordinal)) {
      if (find(claims, Meta.namespace(claim), Meta.name(claim)) != null) {
        continue;
      }
      boolean scaledDown = ordinal < StatefulPods.startOrdinal(set)
          || ordinal >= StatefulPods.startOrdinal(set) + StatefulPods.replicas(set);
      ArrayNode owners = ClaimRetention.ownersFor(claim, set, pod, scaledDown);
      if (owners != null && !owners.isEmpty()) {
        Meta.metaForWrite(claim).set("ownerReferences", owners);
      }
      try {
        operations.create(claims, "v1", Meta.namespace(set), claim, request);
        events.normal(set, "SuccessfulCreate", "create Claim " + Meta.name(claim) + " Pod " + Meta.name(pod)
            + " in StatefulSet " + Meta.name(set) + " success");
      } catch (ApiException e) {
        if (e.code() == 409) {
          continue;
        }
        events.warning(set, "FailedCreate", "create Claim " + Meta.name(claim) + " for Pod " + Meta.name(pod)
            + " in StatefulSet " + Meta.name(set) + " failed error: " + e.getMessage());
        return Outcome.FAILED;
      }
    }
    return Outcome.DONE;
  }

  private Outcome restoreIdentity(JsonNode set, JsonNode pod) {
    StoredObject stored = find(pods, Meta.namespace(pod), Meta.name(pod));
    if (stored == null) {
      return Outcome.DONE;
    }
    ObjectNode next = (ObjectNode) operations.storageTree(stored).deepCopy();
    StatefulPods.restoreIdentity(set, next);
    String verb = "update Pod " + Meta.name(pod) + " in StatefulSet " + Meta.name(set);
    try {
      operations.updateStored(pods, stored, next, request, Target.MAIN);
      events.normal(set, "SuccessfulUpdate", verb + " successful");
      return Outcome.DONE;
    } catch (ApiException e) {
      events.warning(set, "FailedUpdate", verb + " failed error: " + e.getMessage());
      return Outcome.FAILED;
    }
  }

  private Outcome alignClaims(JsonNode set, JsonNode pod, boolean scaledDown) {
    int ordinal = StatefulPods.ordinal(Meta.name(set), Meta.name(pod));
    for (ObjectNode wanted : StatefulPods.claims(set, ordinal)) {
      StoredObject stored = find(claims, Meta.namespace(wanted), Meta.name(wanted));
      if (stored == null) {
        continue;
      }
      JsonNode claim = operations.storageTree(stored);
      ArrayNode owners = ClaimRetention.ownersFor(claim, set, pod, scaledDown);
      if (owners == null) {
        continue;
      }
      ObjectNode next = (ObjectNode) claim.deepCopy();
      if (owners.isEmpty()) {
        Meta.metaForWrite(next).remove("ownerReferences");
      } else {
        Meta.metaForWrite(next).set("ownerReferences", owners);
      }
      try {
        operations.updateStored(claims, stored, next, request, Target.MAIN);
      } catch (ApiException e) {
        events.warning(set, "FailedUpdate", "update Claim " + Meta.name(claim) + " for Pod " + Meta.name(pod)
            + " in StatefulSet " + Meta.name(set) + " failed error: " + e.getMessage());
        return Outcome.FAILED;
      }
    }
    return Outcome.DONE;
  }

  private Outcome deletePod(JsonNode set, JsonNode pod) {
    String verb = "delete Pod " + Meta.name(pod) + " in StatefulSet " + Meta.name(set);
    try {
      operations.delete(pods, "v1", Meta.namespace(pod), Meta.name(pod), DeleteOptions.defaults(), request);
      events.normal(set, "SuccessfulDelete", verb + " successful");
      return Outcome.DONE;
    } catch (ApiException e) {
      if (e.code() == 404) {
        return Outcome.DONE;
      }
      events.warning(set, "FailedDelete", verb + " failed error: " + e.getMessage());
      return Outcome.FAILED;
    }
  }

  private void writeStatus(ObjectKey key, ObjectNode status) {
    StoredObject current = operations.store().get(statefulSets.storageResource(), key.namespace(), key.name());
    if (current == null) {
      return;
    }
    JsonNode set = operations.storageTree(current);
    if (status.equals(set.path("status"))) {
      return;
    }
    ObjectNode next = Json.object();
    next.set("status", status);
    operations.updateStored(statefulSets, current, next, request, Target.STATUS);
  }

  private void truncateHistory(JsonNode set, List<JsonNode> history, JsonNode status, List<JsonNode> members) {
    int limit = set.path("spec").path("revisionHistoryLimit").asInt(10);
    var live = Revisions.live(status.path("currentRevision").asText(), status.path("updateRevision").asText(),
        members);
    for (JsonNode old : Revisions.surplus(history, live, limit)) {
      operations.deleteIfPresent(revisions, Meta.namespace(old), Meta.name(old), DeleteOptions.defaults(),
          request);
    }
  }
}
