package dev.kubemu.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.Keys;
import dev.kubemu.core.control.EventRecorder;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.OwnerIndex;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.OwnerReferences;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.WatchEvent;
import dev.kubemu.kinds.core.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Rolls Deployments out through ReplicaSets, as kube-controller-manager's deployment controller does: one ReplicaSet
 * per pod template ({@code <name>-<pod-template-hash>}), revisions, RollingUpdate within maxSurge/maxUnavailable or
 * Recreate, history cleanup, pause, and the Available/Progressing conditions with progress deadlines.
 */
public final class DeploymentController {
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
  static final String HASH_LABEL = "pod-template-hash";

  private final ResourceOperations operations;
  private final ResourceType deployments;
  private final ResourceType replicaSets;
  private final ResourceType pods;
  private final OwnerIndex replicaSetsByOwner;
  private final OwnerIndex podsByOwner;
  private final EventRecorder events;
  private final RequestContext request = RequestContext.internal("deployment-controller");

  public DeploymentController(ResourceOperations operations, OwnerIndex replicaSetsByOwner, OwnerIndex podsByOwner) {
    this.operations = operations;
    this.deployments = operations.registry().find("apps", "v1", "deployments").orElseThrow();
    this.replicaSets = operations.registry().find("apps", "v1", "replicasets").orElseThrow();
    this.pods = operations.registry().find("", "v1", "pods").orElseThrow();
    this.replicaSetsByOwner = replicaSetsByOwner;
    this.podsByOwner = podsByOwner;
    this.events = new EventRecorder(operations, "deployment-controller", null);
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder("deployment-controller", deployments).owns(replicaSets)
        .watchesEvents(pods, this::recreateWaitingOn)
        .reconciler(this::reconcile).build();
  }

  /** Whether a pod has not reached Succeeded or Failed (a terminating pod still runs until it does). */
  private static boolean notTerminal(JsonNode pod) {
    String phase = pod.path("status").path("phase").asText("");
    return !phase.equals("Succeeded") && !phase.equals("Failed");
  }

  /**
   * A Recreate rollout waits for the old pods to stop, which changes no ReplicaSet: like kube's deletePod handler,
   * a pod that ends (terminal phase) or goes wakes the Recreate Deployment that owns its ReplicaSet.
   */
  private List<ObjectKey> recreateWaitingOn(WatchEvent.Type event, JsonNode pod) {
    if (event != WatchEvent.Type.DELETED && notTerminal(pod)) {
      return List.of();
    }
    for (ObjectKey rsKey : Keys.controllerOwner(pod, "ReplicaSet")) {
      StoredObject rs = operations.store().get(replicaSets.storageResource(), rsKey.namespace(), rsKey.name());
      if (rs == null) {
        continue;
      }
      for (ObjectKey dKey : Keys.controllerOwner(operations.storageTree(rs), "Deployment")) {
        StoredObject d = operations.store().get(deployments.storageResource(), dKey.namespace(), dKey.name());
        if (d != null && "Recreate".equals(operations.storageTree(d).path("spec").path("strategy").path("type")
            .asText())) {
          return List.of(dKey);
        }
      }
    }
    return List.of();
  }

  Result reconcile(ObjectKey key) {
    StoredObject stored = operations.store().get(deployments.storageResource(), key.namespace(), key.name());
    if (stored == null) {
      return Result.done();
    }
    JsonNode d = operations.storageTree(stored);
    if (Meta.deleting(d)) {
      return Result.done();
    }
    var all = ownedReplicaSets(d);
    JsonNode newRs = findNewReplicaSet(d, all);
    var old = new ArrayList<JsonNode>();
    for (JsonNode rs : all) {
      if (rs != newRs) {
        old.add(rs);
      }
    }
    ObjectNode status = d.path("status").isObject() ? ((ObjectNode) d.get("status")).deepCopy() : Json.object();
    String now = Timestamps.format(operations.clock().now());
    if (d.path("spec").path("paused").asBoolean(false)) {
      if (newRs != null && activeCount(all) <= 1) {
        scale(d, newRs, replicas(d));
      }
      DeploymentConditions.set(status, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now);
      return writeStatus(key, d, status, newRs, now);
    }
    if (DeploymentConditions.find(status.path("conditions"), "Progressing") != null
        && "DeploymentPaused".equals(DeploymentConditions.find(status.path("conditions"), "Progressing")
        .path("reason").asText())) {
      DeploymentConditions.set(status, "Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", now);
    }
    boolean recreate = "Recreate".equals(d.path("spec").path("strategy").path("type").asText());
    if (recreate) {
      return rolloutRecreate(key, d, status, newRs, old, now);
    }
    return rolloutRolling(key, d, status, newRs, old, now);
  }

  private Result rolloutRolling(ObjectKey key, JsonNode d, ObjectNode status, JsonNode newRs, List<JsonNode> old,
      String now) {
    RollingParams params = RollingParams.of(d.path("spec"));
    int replicas = replicas(d);
    if (newRs == null) {
      int total = sumSpec(old);
      int initial = total == 0 ? replicas : Math.max(0, Math.min(replicas + params.maxSurge() - total, replicas));
      newRs = createReplicaSet(d, old, initial, status, now);
      if (newRs == null) {
        return writeStatus(key, d, status, null, now);
      }
      return writeStatus(key, d, status, newRs, now);
    }
    newRs = syncRevision(d, newRs, old);
    int newSpec = specReplicas(newRs);
    if (newSpec != replicas) {
      int target;
      if (newSpec > replicas) {
        target = replicas;
      } else {
        int maxTotal = replicas + params.maxSurge();
        int current = sumSpec(old) + newSpec;
        target = current >= maxTotal ? newSpec : newSpec + Math.min(maxTotal - current, replicas - newSpec);
      }
      if (target != newSpec) {
        scale(d, newRs, target);
        return writeStatus(key, d, status, newRs, now);
      }
    }
    if (scaleDownOld(d, newRs, old, params)) {
      return writeStatus(key, d, status, newRs, now);
    }
    cleanupHistory(d, old);
    return writeStatus(key, d, status, newRs, now);
  }

  private Result rolloutRecreate(ObjectKey key, JsonNode d, ObjectNode status, JsonNode newRs, List<JsonNode> old,
      String now) {
    boolean scaledDown = false;
    for (JsonNode rs : old) {
      if (specReplicas(rs) > 0) {
        scale(d, rs, 0);
        scaledDown = true;
      }
    }
    if (scaledDown) {
      return writeStatus(key, d, status, newRs, now);
    }
    // kube's oldPodsRunning: old pods count until they reach a terminal phase or are gone, terminating or not
    for (JsonNode rs : old) {
      if (rs.path("status").path("replicas").asInt(0) > 0) {
        return writeStatus(key, d, status, newRs, now);
      }
      for (StoredObject p : podsByOwner.owned(Meta.uid(rs))) {
        if (notTerminal(operations.storageTree(p))) {
          return writeStatus(key, d, status, newRs, now);
        }
      }
    }
    if (newRs == null) {
      newRs = createReplicaSet(d, old, replicas(d), status, now);
      return writeStatus(key, d, status, newRs, now);
    }
    newRs = syncRevision(d, newRs, old);
    if (specReplicas(newRs) != replicas(d)) {
      scale(d, newRs, replicas(d));
    }
    cleanupHistory(d, old);
    return writeStatus(key, d, status, newRs, now);
  }

  /** Scales old ReplicaSets down as far as availability allows: unhealthy pods first, then oldest first. */
  private boolean scaleDownOld(JsonNode d, JsonNode newRs, List<JsonNode> old, RollingParams params) {
    int oldPods = sumSpec(old);
    if (oldPods == 0) {
      return false;
    }
    int replicas = replicas(d);
    int all = oldPods + specReplicas(newRs);
    int minAvailable = replicas - params.maxUnavailable();
    int newUnavailable = specReplicas(newRs) - available(newRs);
    int maxScaledDown = all - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return false;
    }
    var sorted = new ArrayList<>(old);
    sorted.sort(Comparator.comparing((JsonNode rs) -> rs.path("metadata").path("creationTimestamp").asText())
        .thenComparing(Meta::name));
    boolean changed = false;
    int budget = maxScaledDown;
    for (JsonNode rs : sorted) {
      if (budget <= 0) {
        break;
      }
      int unhealthy = specReplicas(rs) - available(rs);
      if (specReplicas(rs) == 0 || unhealthy <= 0) {
        continue;
      }
      int down = Math.min(unhealthy, budget);
      scale(d, rs, specReplicas(rs) - down);
      budget -= down;
      changed = true;
    }
    if (changed) {
      return true;
    }
    int availableAll = available(newRs);
    for (JsonNode rs : old) {
      availableAll += available(rs);
    }
    int toScaleDown = availableAll - minAvailable;
    for (JsonNode rs : sorted) {
      if (toScaleDown <= 0) {
        break;
      }
      if (specReplicas(rs) == 0) {
        continue;
      }
      int down = Math.min(specReplicas(rs), toScaleDown);
      scale(d, rs, specReplicas(rs) - down);
      toScaleDown -= down;
      changed = true;
    }
    return changed;
  }

  private JsonNode createReplicaSet(JsonNode d, List<JsonNode> old, int replicas, ObjectNode status, String now) {
    long collisions = d.path("status").path("collisionCount").asLong(0);
    String hash = PodTemplateHash.of(d.path("spec").path("template"), collisions);
    String name = Meta.name(d) + "-" + hash;
    ObjectNode rs = Json.object();
    rs.put("kind", "ReplicaSet");
    rs.put("apiVersion", "apps/v1");
    ObjectNode meta = rs.putObject("metadata");
    meta.put("name", name);
    meta.put("namespace", Meta.namespace(d));
    ObjectNode labels = meta.putObject("labels");
    d.path("spec").path("template").path("metadata").path("labels").fields()
        .forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
    labels.put(HASH_LABEL, hash);
    ObjectNode annotations = meta.putObject("annotations");
    copyDeploymentAnnotations(d, annotations);
    annotations.put(DESIRED_REPLICAS, Integer.toString(replicas(d)));
    annotations.put(MAX_REPLICAS, Integer.toString(replicas(d) + RollingParams.of(d.path("spec")).maxSurge()));
    annotations.put(REVISION, Long.toString(maxRevision(old) + 1));
    OwnerReferences.setController(meta, d);
    ObjectNode spec = rs.putObject("spec");
    spec.put("replicas", replicas);
    if (d.path("spec").has("minReadySeconds")) {
      spec.set("minReadySeconds", d.path("spec").get("minReadySeconds"));
    }
    ObjectNode selector = d.path("spec").path("selector").deepCopy();
    ObjectNode matchLabels = selector.get("matchLabels") instanceof ObjectNode m ? m : selector.putObject("matchLabels");
    matchLabels.put(HASH_LABEL, hash);
    spec.set("selector", selector);
    ObjectNode template = d.path("spec").path("template").deepCopy();
    ObjectNode templateMeta = template.get("metadata") instanceof ObjectNode tm ? tm : template.putObject("metadata");
    ObjectNode templateLabels = templateMeta.get("labels") instanceof ObjectNode tl ? tl
        : templateMeta.putObject("labels");
    templateLabels.put(HASH_LABEL, hash);
    spec.set("template", template);
    try {
      ObjectNode created = operations.create(replicaSets, "v1", Meta.namespace(d), rs, request).object();
      DeploymentConditions.set(status, "Progressing", "True", "NewReplicaSetCreated",
          "Created new replica set \"" + name + "\"", now);
      if (replicas > 0) {
        events.normal(d, "ScalingReplicaSet", "Scaled up replica set " + name + " from 0 to " + replicas);
      }
      return created;
    } catch (ApiException e) {
      if (e.code() == 409) {
        StoredObject existing = operations.store().get(replicaSets.storageResource(), Meta.namespace(d), name);
        if (existing != null && equalIgnoringHash(operations.storageTree(existing).path("spec").path("template"),
            d.path("spec").path("template"))) {
          return operations.storageTree(existing);
        }
        // a different ReplicaSet already has this name: bump the collision count so the next hash differs
        status.put("collisionCount", collisions + 1);
        return null;
      }
      DeploymentConditions.set(status, "Progressing", "False", "ReplicaSetCreateError",
          "Failed to create new replica set \"" + name + "\": " + e.getMessage(), now);
      return null;
    }
  }

  /** A ReplicaSet brought back by a rollback becomes the newest revision, remembering its old number. */
  private JsonNode syncRevision(JsonNode d, JsonNode newRs, List<JsonNode> old) {
    long max = maxRevision(old);
    long current = revision(newRs);
    String desired = Integer.toString(replicas(d));
    String maxReplicas = Integer.toString(replicas(d) + RollingParams.of(d.path("spec")).maxSurge());
    JsonNode annotations = newRs.path("metadata").path("annotations");
    boolean revisionStale = current <= max;
    if (!revisionStale && desired.equals(annotations.path(DESIRED_REPLICAS).asText())
        && maxReplicas.equals(annotations.path(MAX_REPLICAS).asText())) {
      return newRs;
    }
    StoredObject stored = operations.store().get(replicaSets.storageResource(), Meta.namespace(newRs),
        Meta.name(newRs));
    ObjectNode next = (ObjectNode) operations.storageTree(stored).deepCopy();
    ObjectNode nextAnnotations = (ObjectNode) next.withObject("/metadata/annotations");
    if (revisionStale) {
      String history = nextAnnotations.path(REVISION_HISTORY).asText("");
      nextAnnotations.put(REVISION_HISTORY, history.isEmpty() ? Long.toString(current) : history + "," + current);
      nextAnnotations.put(REVISION, Long.toString(max + 1));
    }
    nextAnnotations.put(DESIRED_REPLICAS, desired);
    nextAnnotations.put(MAX_REPLICAS, maxReplicas);
    return operations.updateStored(replicaSets, stored, next, request, Target.MAIN).object();
  }

  private void scale(JsonNode d, JsonNode rs, int replicas) {
    int from = specReplicas(rs);
    if (from == replicas) {
      return;
    }
    StoredObject stored = operations.store().get(replicaSets.storageResource(), Meta.namespace(rs), Meta.name(rs));
    if (stored == null) {
      return;
    }
    ObjectNode next = (ObjectNode) operations.storageTree(stored).deepCopy();
    ((ObjectNode) next.get("spec")).put("replicas", replicas);
    ObjectNode annotations = (ObjectNode) next.withObject("/metadata/annotations");
    annotations.put(DESIRED_REPLICAS, Integer.toString(replicas(d)));
    annotations.put(MAX_REPLICAS, Integer.toString(replicas(d) + RollingParams.of(d.path("spec")).maxSurge()));
    operations.updateStored(replicaSets, stored, next, request, Target.MAIN);
    events.normal(d, "ScalingReplicaSet", "Scaled " + (replicas > from ? "up" : "down") + " replica set "
        + Meta.name(rs) + " from " + from + " to " + replicas);
  }

  /** Deletes drained old ReplicaSets beyond revisionHistoryLimit, lowest revision first. */
  private void cleanupHistory(JsonNode d, List<JsonNode> old) {
    int limit = d.path("spec").path("revisionHistoryLimit").asInt(10);
    var drained = new ArrayList<JsonNode>();
    for (JsonNode rs : old) {
      if (specReplicas(rs) == 0 && rs.path("status").path("replicas").asInt(0) == 0 && !Meta.deleting(rs)) {
        drained.add(rs);
      }
    }
    if (drained.size() <= limit) {
      return;
    }
    drained.sort(Comparator.comparingLong(DeploymentController::revision));
    for (JsonNode rs : drained.subList(0, drained.size() - limit)) {
      operations.deleteIfPresent(replicaSets, Meta.namespace(rs), Meta.name(rs), DeleteOptions.defaults(), request);
    }
  }

  private Result writeStatus(ObjectKey key, JsonNode d, ObjectNode status, JsonNode newRs, String now) {
    var all = ownedReplicaSets(d);
    JsonNode freshNew = null;
    if (newRs != null) {
      for (JsonNode rs : all) {
        if (Meta.name(rs).equals(Meta.name(newRs))) {
          freshNew = rs;
        }
      }
    }
    int replicas = replicas(d);
    int total = 0;
    int ready = 0;
    int available = 0;
    for (JsonNode rs : all) {
      total += rs.path("status").path("replicas").asInt(0);
      ready += rs.path("status").path("readyReplicas").asInt(0);
      available += available(rs);
    }
    int updated = freshNew == null ? 0 : freshNew.path("status").path("replicas").asInt(0);
    JsonNode previous = d.path("status");
    status.put("observedGeneration", d.path("metadata").path("generation").asLong());
    status.put("replicas", total);
    status.put("updatedReplicas", updated);
    status.put("readyReplicas", ready);
    status.put("availableReplicas", available);
    int unavailable = Math.max(0, replicas - available);
    if (unavailable > 0) {
      status.put("unavailableReplicas", unavailable);
    } else {
      status.remove("unavailableReplicas");
    }
    for (String field : new String[] {"replicas", "updatedReplicas", "readyReplicas", "availableReplicas"}) {
      if (status.path(field).asInt() == 0) {
        status.remove(field);
      }
    }
    RollingParams params = RollingParams.of(d.path("spec"));
    if (available >= replicas - params.maxUnavailable()) {
      DeploymentConditions.set(status, "Available", "True", "MinimumReplicasAvailable",
          "Deployment has minimum availability.", now);
    } else {
      DeploymentConditions.set(status, "Available", "False", "MinimumReplicasUnavailable",
          "Deployment does not have minimum availability.", now);
    }
    Duration requeue = progress(d, status, previous, freshNew, replicas, total, updated, available, now);
    if (freshNew != null) {
      syncDeploymentRevision(key, freshNew);
    }
    StoredObject current = operations.store().get(deployments.storageResource(), key.namespace(), key.name());
    if (current != null && !status.equals(operations.storageTree(current).path("status"))) {
      ObjectNode next = (ObjectNode) operations.storageTree(current).deepCopy();
      next.set("status", status);
      operations.updateStored(deployments, current, next, request, Target.STATUS);
    }
    return requeue == null ? Result.done() : Result.requeueAfter(requeue);
  }

  /** The Progressing condition; returns when to look again for a progress deadline, if one may pass. */
  private Duration progress(JsonNode d, ObjectNode status, JsonNode previous, JsonNode newRs, int replicas, int total,
      int updated, int available, String now) {
    if (!d.path("spec").has("progressDeadlineSeconds") || newRs == null
        || d.path("spec").path("paused").asBoolean(false)) {
      return null;
    }
    String rsName = Meta.name(newRs);
    JsonNode cond = DeploymentConditions.find(status.path("conditions"), "Progressing");
    boolean alreadyComplete = total == updated && cond != null
        && "NewReplicaSetAvailable".equals(cond.path("reason").asText());
    if (alreadyComplete) {
      return null;
    }
    boolean complete = updated == replicas && total == replicas && available == replicas
        && status.path("observedGeneration").asLong() >= d.path("metadata").path("generation").asLong();
    if (complete) {
      DeploymentConditions.set(status, "Progressing", "True", "NewReplicaSetAvailable",
          "ReplicaSet \"" + rsName + "\" has successfully progressed.", now);
      return null;
    }
    boolean progressing = updated > previous.path("updatedReplicas").asInt(0)
        || (total - updated) < (previous.path("replicas").asInt(0) - previous.path("updatedReplicas").asInt(0))
        || status.path("readyReplicas").asInt(0) > previous.path("readyReplicas").asInt(0)
        || available > previous.path("availableReplicas").asInt(0);
    long deadline = d.path("spec").path("progressDeadlineSeconds").asLong(600);
    if (progressing) {
      String message = "ReplicaSet \"" + rsName + "\" is progressing.";
      if (cond != null && "ReplicaSetUpdated".equals(cond.path("reason").asText())) {
        DeploymentConditions.touch(status, "Progressing", message, now);
      } else {
        DeploymentConditions.set(status, "Progressing", "True", "ReplicaSetUpdated", message, now);
      }
      return Duration.ofSeconds(deadline);
    }
    cond = DeploymentConditions.find(status.path("conditions"), "Progressing");
    if (cond == null || "ProgressDeadlineExceeded".equals(cond.path("reason").asText())) {
      return null;
    }
    Instant lastUpdate = Timestamps.parse(cond.path("lastUpdateTime").asText("")).orElse(operations.clock().now());
    Instant due = lastUpdate.plusSeconds(deadline);
    if (!operations.clock().now().isBefore(due)) {
      DeploymentConditions.set(status, "Progressing", "False", "ProgressDeadlineExceeded",
          "ReplicaSet \"" + rsName + "\" has timed out progressing.", now);
      return null;
    }
    return Duration.between(operations.clock().now(), due).plusSeconds(1);
  }

  /** The Deployment carries the revision of its newest ReplicaSet. */
  private void syncDeploymentRevision(ObjectKey key, JsonNode newRs) {
    String revision = newRs.path("metadata").path("annotations").path(REVISION).asText("");
    StoredObject current = operations.store().get(deployments.storageResource(), key.namespace(), key.name());
    if (current == null || revision.isEmpty()) {
      return;
    }
    JsonNode d = operations.storageTree(current);
    if (revision.equals(d.path("metadata").path("annotations").path(REVISION).asText())) {
      return;
    }
    ObjectNode next = (ObjectNode) d.deepCopy();
    ((ObjectNode) next.withObject("/metadata/annotations")).put(REVISION, revision);
    operations.updateStored(deployments, current, next, request, Target.MAIN);
  }

  private List<JsonNode> ownedReplicaSets(JsonNode d) {
    var result = new ArrayList<JsonNode>();
    for (StoredObject o : replicaSetsByOwner.owned(Meta.uid(d))) {
      result.add(operations.storageTree(o));
    }
    return result;
  }

  private static JsonNode findNewReplicaSet(JsonNode d, List<JsonNode> all) {
    JsonNode template = d.path("spec").path("template");
    JsonNode found = null;
    for (JsonNode rs : all) {
      if (equalIgnoringHash(rs.path("spec").path("template"), template)) {
        if (found == null || rs.path("metadata").path("creationTimestamp").asText()
            .compareTo(found.path("metadata").path("creationTimestamp").asText()) < 0) {
          found = rs;
        }
      }
    }
    return found;
  }

  static boolean equalIgnoringHash(JsonNode rsTemplate, JsonNode deploymentTemplate) {
    ObjectNode a = rsTemplate.deepCopy();
    ObjectNode b = deploymentTemplate.deepCopy();
    for (ObjectNode t : List.of(a, b)) {
      // a null creationTimestamp (what Go clients send for templates) equals an absent one
      if (t.path("metadata") instanceof ObjectNode m && m.has("creationTimestamp")
          && m.get("creationTimestamp").isNull()) {
        m.remove("creationTimestamp");
      }
      if (t.path("metadata").path("labels") instanceof ObjectNode labels) {
        labels.remove(HASH_LABEL);
        if (labels.isEmpty()) {
          ((ObjectNode) t.get("metadata")).remove("labels");
        }
      }
      if (t.path("metadata") instanceof ObjectNode m && m.isEmpty()) {
        t.remove("metadata");
      }
    }
    return Objects.equals(a, b);
  }

  private static void copyDeploymentAnnotations(JsonNode d, ObjectNode into) {
    var skipped = List.of("kubectl.kubernetes.io/last-applied-configuration", REVISION, REVISION_HISTORY,
        DESIRED_REPLICAS, MAX_REPLICAS, "deprecated.deployment.rollback.to");
    d.path("metadata").path("annotations").fields().forEachRemaining(e -> {
      if (!skipped.contains(e.getKey())) {
        into.set(e.getKey(), e.getValue());
      }
    });
  }

  private static int activeCount(List<JsonNode> all) {
    int n = 0;
    for (JsonNode rs : all) {
      if (specReplicas(rs) > 0) {
        n++;
      }
    }
    return n;
  }

  private static long maxRevision(List<JsonNode> replicaSets) {
    long max = 0;
    for (JsonNode rs : replicaSets) {
      max = Math.max(max, revision(rs));
    }
    return max;
  }

  static long revision(JsonNode rs) {
    try {
      return Long.parseLong(rs.path("metadata").path("annotations").path(REVISION).asText("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int replicas(JsonNode d) {
    return d.path("spec").path("replicas").asInt(1);
  }

  private static int specReplicas(JsonNode rs) {
    return rs.path("spec").path("replicas").asInt(1);
  }

  private static int sumSpec(List<JsonNode> replicaSets) {
    int sum = 0;
    for (JsonNode rs : replicaSets) {
      sum += specReplicas(rs);
    }
    return sum;
  }

  private static int available(JsonNode rs) {
    return rs.path("status").path("availableReplicas").asInt(0);
  }
}
