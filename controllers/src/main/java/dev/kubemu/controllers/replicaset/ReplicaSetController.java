package dev.kubemu.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.kubemu.core.object.OwnerReferences;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.kinds.core.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Keeps {@code spec.replicas} active pods for each ReplicaSet: creates missing pods from the template in slow-start
 * batches (1, 2, 4, ...; at most 500 per pass), deletes surplus pods in kube's victim order, and reports status.
 */
public final class ReplicaSetController {
  static final int BURST_REPLICAS = 500;

  private final ResourceOperations operations;
  private final ResourceType replicaSets;
  private final ResourceType pods;
  private final OwnerIndex podsByOwner;
  private final PodFactsCache podFacts;
  private final EventRecorder events;
  private final RequestContext request = RequestContext.internal("replicaset-controller");

  public ReplicaSetController(ResourceOperations operations, OwnerIndex podsByOwner) {
    this.operations = operations;
    this.replicaSets = operations.registry().find("apps", "v1", "replicasets").orElseThrow();
    this.pods = operations.registry().find("", "v1", "pods").orElseThrow();
    this.podsByOwner = podsByOwner;
    this.podFacts = new PodFactsCache(operations);
    this.events = new EventRecorder(operations, "replicaset-controller", null);
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder("replicaset-controller", replicaSets).owns(pods).reconciler(this::reconcile).build();
  }

  Result reconcile(ObjectKey key) {
    StoredObject stored = operations.store().get(replicaSets.storageResource(), key.namespace(), key.name());
    if (stored == null) {
      return Result.done();
    }
    JsonNode rs = operations.storageTree(stored);
    List<StoredObject> active = activePods(rs);
    String[] failure = {null, null};
    if (!Meta.deleting(rs)) {
      manageReplicas(rs, active, failure);
      active = activePods(rs);
    }
    Instant now = operations.clock().now();
    var facts = new ArrayList<PodFacts>(active.size());
    active.forEach(p -> facts.add(podFacts.of(p)));
    ObjectNode status = ReplicaSetStatus.of(rs, facts, failure[0], failure[1], now);
    updateStatus(key, status);
    long minReady = rs.path("spec").path("minReadySeconds").asLong(0);
    int desired = rs.path("spec").path("replicas").asInt(1);
    if (minReady > 0 && status.path("readyReplicas").asInt(0) == desired
        && status.path("availableReplicas").asInt(0) != desired) {
      return Result.requeueAfter(Duration.ofSeconds(minReady));
    }
    return Result.done();
  }

  private List<StoredObject> activePods(JsonNode rs) {
    var active = new ArrayList<StoredObject>();
    for (StoredObject p : podsByOwner.owned(Meta.uid(rs))) {
      if (podFacts.of(p).active()) {
        active.add(p);
      }
    }
    return active;
  }

  private void manageReplicas(JsonNode rs, List<StoredObject> activePods, String[] failure) {
    int activeCount = activePods.size();
    int desired = rs.path("spec").path("replicas").asInt(1);
    int diff = activeCount - desired;
    if (diff < 0) {
      int toCreate = Math.min(-diff, BURST_REPLICAS);
      int batch = 1;
      int created = 0;
      while (created < toCreate) {
        int size = Math.min(batch, toCreate - created);
        for (int i = 0; i < size; i++) {
          try {
            String pod = operations.create(pods, "v1", Meta.namespace(rs), podFromTemplate(rs), request).name();
            events.normal(rs, "SuccessfulCreate", "Created pod: " + pod);
          } catch (ApiException e) {
            events.warning(rs, "FailedCreate", "Error creating: " + e.getMessage());
            failure[0] = "FailedCreate";
            failure[1] = e.getMessage();
            return;
          }
        }
        created += size;
        batch *= 2;
      }
    } else if (diff > 0) {
      var active = new ArrayList<JsonNode>(activeCount);
      activePods.forEach(p -> active.add(operations.storageTree(p)));
      var ranks = new HashMap<String, Integer>();
      var perNode = new HashMap<String, Integer>();
      for (JsonNode pod : active) {
        perNode.merge(pod.path("spec").path("nodeName").asText(""), 1, Integer::sum);
      }
      for (JsonNode pod : active) {
        String node = pod.path("spec").path("nodeName").asText("");
        ranks.put(Meta.name(pod), node.isEmpty() ? 0 : perNode.get(node));
      }
      var victims = new ArrayList<>(active);
      if (diff < active.size()) {
        victims.sort(PodRanking.order(ranks, operations.clock().now()));
      }
      for (JsonNode pod : victims.subList(0, Math.min(diff, BURST_REPLICAS))) {
        try {
          operations.delete(pods, "v1", Meta.namespace(pod), Meta.name(pod), DeleteOptions.defaults(), request);
          events.normal(rs, "SuccessfulDelete", "Deleted pod: " + Meta.name(pod));
        } catch (ApiException e) {
          if (e.code() != 404) {
            events.warning(rs, "FailedDelete", "Error deleting: " + e.getMessage());
            failure[0] = "FailedDelete";
            failure[1] = e.getMessage();
            return;
          }
        }
      }
    }
  }

  private ObjectNode podFromTemplate(JsonNode rs) {
    JsonNode template = rs.path("spec").path("template");
    ObjectNode pod = Json.object();
    pod.put("kind", "Pod");
    pod.put("apiVersion", "v1");
    ObjectNode meta = pod.putObject("metadata");
    String base = Meta.name(rs);
    if (base.length() > 57) {
      base = base.substring(0, 57);
    }
    meta.put("generateName", base + "-");
    meta.put("namespace", Meta.namespace(rs));
    JsonNode templateMeta = template.path("metadata");
    if (templateMeta.has("labels")) {
      meta.set("labels", templateMeta.get("labels").deepCopy());
    }
    if (templateMeta.has("annotations")) {
      meta.set("annotations", templateMeta.get("annotations").deepCopy());
    }
    OwnerReferences.setController(meta, rs);
    pod.set("spec", template.path("spec").deepCopy());
    return pod;
  }

  private void updateStatus(ObjectKey key, ObjectNode status) {
    StoredObject current = operations.store().get(replicaSets.storageResource(), key.namespace(), key.name());
    if (current == null) {
      return;
    }
    JsonNode rs = operations.storageTree(current);
    if (status.equals(rs.path("status"))) {
      return;
    }
    ObjectNode next = (ObjectNode) rs.deepCopy();
    next.set("status", status);
    operations.updateStored(replicaSets, current, next, request, Target.STATUS);
  }
}
