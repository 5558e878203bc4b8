package dev.kubemu.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One pass of kube's StatefulSet control loop (stateful_set_control.go updateStatefulSet) as a plan: which pods to
 * create, delete or repair, in order, and the status the pass reports. {@code OrderedReady} sets stop at the first
 * pod that is missing, terminating or not yet available; {@code Parallel} sets act on every pod at once. Scale-down
 * goes from the highest ordinal, and a rolling update replaces one pod at a time from the highest ordinal down to
 * the partition. Pure: the reconciler does the I/O.
 */
final class StatefulSetPlanner {
  /** What to do to one pod. */
  enum Action {
    /** Create the member's missing claims, then the pod. */
    CREATE_POD,
    /** Create the claims of a pending member that lost them. */
    CREATE_CLAIMS,
    /** Restore the labels that name the member. */
    RESTORE_IDENTITY,
    /** Make the member's claims' owners follow the retention policy ({@code condemned}: it is being scaled away). */
    ALIGN_CLAIMS,
    DELETE_POD
  }

  record Step(Action action, JsonNode pod, boolean condemned) {
    static Step of(Action action, JsonNode pod) {
      return new Step(action, pod, false);
    }
  }

  /**
   * @param steps        in order; the reconciler stops at the first that fails
   * @param status       the status this pass reports (before {@code collisionCount} and rolling-update completion)
   * @param monotonic    OrderedReady: the reconciler also stops at a step it had to skip
   */
  record Plan(List<Step> steps, ObjectNode status, boolean monotonic) {}

  /** The revisions the pass works with: names, and the pod templates they restore. */
  record Revisions(String current, JsonNode currentTemplate, String update, JsonNode updateTemplate) {}

  private final JsonNode set;
  private final Revisions revisions;
  private final long minReadySeconds;
  private final Instant now;
  private final List<Step> steps = new ArrayList<>();

  private StatefulSetPlanner(JsonNode set, Revisions revisions, Instant now) {
    this.set = set;
    this.revisions = revisions;
    this.minReadySeconds = set.path("spec").path("minReadySeconds").asLong(0);
    this.now = now;
  }

  /** Plans one pass for {@code set} over its pods (any order; pods whose names carry no ordinal are ignored). */
  static Plan plan(JsonNode set, Revisions revisions, List<JsonNode> pods, Instant now) {
    return new StatefulSetPlanner(set, revisions, now).plan(pods);
  }

  private Plan plan(List<JsonNode> pods) {
    String setName = Meta.name(set);
    int start = StatefulPods.startOrdinal(set);
    int count = StatefulPods.replicas(set);
    JsonNode[] replicas = new JsonNode[count];
    var condemned = new ArrayList<JsonNode>();
    for (JsonNode pod : pods) {
      int ordinal = StatefulPods.ordinal(setName, Meta.name(pod));
      if (ordinal < 0) {
        continue;
      }
      if (ordinal >= start && ordinal < start + count) {
        replicas[ordinal - start] = pod;
      } else {
        condemned.add(pod);
      }
    }
    for (int i = 0; i < count; i++) {
      if (replicas[i] == null) {
        replicas[i] = newVersionedPod(start + i);
      }
    }
    condemned.sort(Comparator.comparingInt((JsonNode p) -> StatefulPods.ordinal(setName, Meta.name(p))).reversed());
    JsonNode firstUnavailable = null;
    for (JsonNode replica : replicas) {
      if (firstUnavailable == null && StatefulPods.unavailable(replica, minReadySeconds, now)) {
        firstUnavailable = replica;
      }
    }
    for (int i = condemned.size() - 1; i >= 0 && firstUnavailable == null; i--) {
      if (StatefulPods.unavailable(condemned.get(i), minReadySeconds, now)) {
        firstUnavailable = condemned.get(i);
      }
    }
    var all = new ArrayList<JsonNode>(List.of(replicas));
    all.addAll(condemned);
    ObjectNode status = status(all);
    boolean monotonic = !set.path("spec").path("podManagementPolicy").asText("OrderedReady").equals("Parallel");
    if (Meta.deleting(set)) {
      return new Plan(List.of(), status, monotonic);
    }
    for (JsonNode replica : replicas) {
      if (processReplica(replica, monotonic) && monotonic) {
        return new Plan(steps, status, true);
      }
    }
    condemned.forEach(pod -> steps.add(new Step(Action.ALIGN_CLAIMS, pod, true)));
    for (JsonNode pod : condemned) {
      if (processCondemned(pod, firstUnavailable, monotonic) && monotonic) {
        return new Plan(steps, status, true);
      }
    }
    if (set.path("spec").path("updateStrategy").path("type").asText("RollingUpdate").equals("OnDelete")) {
      return new Plan(steps, status, monotonic);
    }
    int partition = set.path("spec").path("updateStrategy").path("rollingUpdate").path("partition").asInt(0);
    for (int target = replicas.length - 1; target >= partition; target--) {
      JsonNode replica = replicas[target];
      if (!StatefulPods.revision(replica).equals(revisions.update()) && !StatefulPods.terminating(replica)) {
        steps.add(Step.of(Action.DELETE_POD, replica));
        status.put("currentReplicas", status.path("currentReplicas").asInt(0) - 1);
        break;
      }
      if (StatefulPods.unavailable(replica, minReadySeconds, now)) {
        break;
      }
    }
    return new Plan(steps, status, monotonic);
  }

  /** processReplica; true when a monotonic pass has to stop here. */
  private boolean processReplica(JsonNode pod, boolean monotonic) {
    if (StatefulPods.finished(pod)) {
      if (!StatefulPods.terminating(pod)) {
        steps.add(Step.of(Action.DELETE_POD, pod));
      }
      return true;
    }
    if (!StatefulPods.created(pod)) {
      steps.add(Step.of(Action.CREATE_POD, pod));
      if (monotonic) {
        return true;
      }
      return false;
    }
    if (pod.path("status").path("phase").asText("").equals("Pending")) {
      steps.add(Step.of(Action.CREATE_CLAIMS, pod));
    }
    if (monotonic && (StatefulPods.terminating(pod) || !StatefulPods.runningAndReady(pod)
        || !StatefulPods.runningAndAvailable(pod, minReadySeconds, now))) {
      return true;
    }
    if (!StatefulPods.identityMatches(set, pod)) {
      steps.add(Step.of(Action.RESTORE_IDENTITY, pod));
    }
    if (!StatefulPods.storageMatches(set, pod)) {
      steps.add(Step.of(Action.CREATE_CLAIMS, pod));
    }
    steps.add(Step.of(Action.ALIGN_CLAIMS, pod));
    return false;
  }

  /** processCondemned; true when a monotonic pass has to stop here. */
  private boolean processCondemned(JsonNode pod, JsonNode firstUnavailable, boolean monotonic) {
    if (StatefulPods.terminating(pod)) {
      return monotonic;
    }
    if (monotonic && pod != firstUnavailable && !StatefulPods.runningAndAvailable(pod, minReadySeconds, now)) {
      return true;
    }
    steps.add(Step.of(Action.DELETE_POD, pod));
    return true;
  }

  /**
   * newVersionedStatefulSetPod: ordinals below the partition are (re)created at the current revision, the rest at
   * the update revision.
   */
  private JsonNode newVersionedPod(int ordinal) {
    JsonNode strategy = set.path("spec").path("updateStrategy");
    boolean rolling = strategy.path("type").asText("RollingUpdate").equals("RollingUpdate");
    int start = StatefulPods.startOrdinal(set);
    boolean atCurrent;
    if (strategy.has("rollingUpdate")) {
      atCurrent = ordinal < start + strategy.path("rollingUpdate").path("partition").asInt(0);
    } else {
      atCurrent = rolling && ordinal < start + set.path("status").path("currentReplicas").asInt(0);
    }
    return atCurrent
        ? StatefulPods.newPod(set, revisions.currentTemplate(), ordinal, revisions.current())
        : StatefulPods.newPod(set, revisions.updateTemplate(), ordinal, revisions.update());
  }

  /** updateStatus over the members (placeholders for missing pods count for nothing). */
  private ObjectNode status(List<JsonNode> members) {
    int replicas = 0;
    int ready = 0;
    int available = 0;
    int current = 0;
    int updated = 0;
    for (JsonNode pod : members) {
      boolean created = StatefulPods.created(pod);
      if (created) {
        replicas++;
      }
      if (StatefulPods.runningAndReady(pod)) {
        ready++;
        if (StatefulPods.runningAndAvailable(pod, minReadySeconds, now)) {
          available++;
        }
      }
      if (created && !StatefulPods.terminating(pod)) {
        String revision = StatefulPods.revision(pod);
        if (revision.equals(revisions.current())) {
          current++;
        }
        if (revision.equals(revisions.update())) {
          updated++;
        }
      }
    }
    ObjectNode status = Json.object();
    status.put("observedGeneration", set.path("metadata").path("generation").asLong(0));
    status.put("replicas", replicas);
    status.put("readyReplicas", ready);
    status.put("currentReplicas", current);
    status.put("updatedReplicas", updated);
    status.put("currentRevision", revisions.current());
    status.put("updateRevision", revisions.update());
    status.put("availableReplicas", available);
    return status;
  }

  /**
   * The status as written: the collision count added, a finished rolling update completed (completeRollingUpdate:
   * the update revision becomes current once every replica is updated and ready), and fields in the API's order,
   * zero counts left out where the API omits them.
   */
  static ObjectNode finish(JsonNode set, ObjectNode planned, long collisionCount) {
    int replicas = planned.path("replicas").asInt();
    int updated = planned.path("updatedReplicas").asInt();
    int current = planned.path("currentReplicas").asInt();
    String currentRevision = planned.path("currentRevision").asText();
    String updateRevision = planned.path("updateRevision").asText();
    boolean rolling = set.path("spec").path("updateStrategy").path("type").asText("RollingUpdate")
        .equals("RollingUpdate");
    int desired = StatefulPods.replicas(set);
    if (rolling && updated == desired && planned.path("readyReplicas").asInt() == desired && replicas == desired) {
      current = updated;
      currentRevision = updateRevision;
    }
    ObjectNode status = Json.object();
    putPositive(status, "observedGeneration", planned.path("observedGeneration").asLong());
    status.put("replicas", replicas);
    putPositive(status, "readyReplicas", planned.path("readyReplicas").asLong());
    putPositive(status, "currentReplicas", current);
    putPositive(status, "updatedReplicas", updated);
    status.put("currentRevision", currentRevision);
    status.put("updateRevision", updateRevision);
    status.put("collisionCount", collisionCount);
    status.put("availableReplicas", planned.path("availableReplicas").asInt());
    return status;
  }

  private static void putPositive(ObjectNode node, String field, long value) {
    if (value > 0) {
      node.put(field, value);
    }
  }
}
