package dev.kubemu.controllers.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.kinds.core.Pods;
import java.util.ArrayList;
import java.util.List;

/**
 * The disruption controller: keeps each PodDisruptionBudget's status (expected pods, healthy pods, how many may be
 * disrupted, the DisruptionAllowed condition), which the eviction subresource checks before letting
 * {@code kubectl drain} evict a pod.
 */
public final class DisruptionController {
  private final ResourceOperations operations;
  private final ResourceType budgets;
  private final ResourceType pods;
  private final RequestContext request = RequestContext.internal("disruption-controller");

  public DisruptionController(ResourceOperations operations) {
    this.operations = operations;
    this.budgets = operations.registry().find("policy", "v1", "poddisruptionbudgets").orElseThrow();
    this.pods = operations.registry().find("", "v1", "pods").orElseThrow();
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder("disruption-controller", budgets)
        .watches(pods, this::budgetsSelecting)
        .reconciler(this::reconcile).build();
  }

  private List<ObjectKey> budgetsSelecting(JsonNode pod) {
    var keys = new ArrayList<ObjectKey>();
    for (StoredObject b : operations.store().list(budgets.storageResource(), Meta.namespace(pod), null).objects()) {
      if (LabelSelector.fromJson(operations.storageTree(b).path("spec").get("selector")).matches(Meta.labels(pod))) {
        keys.add(new ObjectKey(b.namespace(), b.name()));
      }
    }
    return keys;
  }

  Result reconcile(ObjectKey key) {
    StoredObject stored = operations.store().get(budgets.storageResource(), key.namespace(), key.name());
    if (stored == null) {
      return Result.done();
    }
    JsonNode pdb = operations.storageTree(stored);
    var selector = LabelSelector.fromJson(pdb.path("spec").get("selector"));
    int expected = 0;
    int healthy = 0;
    for (StoredObject p : operations.store().list(pods.storageResource(), key.namespace(), null).objects()) {
      JsonNode pod = operations.storageTree(p);
      if (!selector.matches(Meta.labels(pod)) || !Pods.isActive(pod)) {
        continue;
      }
      expected++;
      if (Pods.isReady(pod)) {
        healthy++;
      }
    }
    int desired = desiredHealthy(pdb.path("spec"), expected);
    int allowed = Math.max(0, healthy - desired);
    ObjectNode status = Json.object();
    status.put("observedGeneration", pdb.path("metadata").path("generation").asLong());
    status.put("disruptionsAllowed", allowed);
    status.put("currentHealthy", healthy);
    status.put("desiredHealthy", desired);
    status.put("expectedPods", expected);
    ArrayNode conditions = status.putArray("conditions");
    ObjectNode condition = conditions.addObject();
    condition.put("type", "DisruptionAllowed");
    condition.put("status", allowed > 0 ? "True" : "False");
    condition.put("observedGeneration", pdb.path("metadata").path("generation").asLong());
    String reason = allowed > 0 ? "SufficientPods" : "InsufficientPods";
    JsonNode previous = pdb.path("status").path("conditions").path(0);
    condition.put("lastTransitionTime", previous.path("status").asText().equals(condition.path("status").asText())
        ? previous.path("lastTransitionTime").asText() : Timestamps.format(operations.clock().now()));
    condition.put("reason", reason);
    condition.put("message", "");
    if (!status.equals(pdb.path("status"))) {
      ObjectNode next = (ObjectNode) pdb.deepCopy();
      next.set("status", status);
      operations.updateStored(budgets, stored, next, request, Target.STATUS);
    }
    return Result.done();
  }

  /** minAvailable (count or percent, rounded up) or expected minus maxUnavailable (percent rounded up). */
  static int desiredHealthy(JsonNode spec, int expected) {
    if (spec.has("minAvailable")) {
      return scaled(spec.get("minAvailable"), expected);
    }
    if (spec.has("maxUnavailable")) {
      return Math.max(0, expected - scaled(spec.get("maxUnavailable"), expected));
    }
    return expected;
  }

  private static int scaled(JsonNode value, int total) {
    if (value.isNumber()) {
      return value.asInt();
    }
    String text = value.asText();
    if (text.endsWith("%")) {
      int percent = Integer.parseInt(text.substring(0, text.length() - 1));
      return (int) Math.ceil(percent * total / 100.0);
    }
    return Integer.parseInt(text);
  }
}
