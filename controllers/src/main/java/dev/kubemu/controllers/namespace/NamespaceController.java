package dev.kubemu.controllers.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.GroupResource;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.kinds.core.NamespaceFinalize;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Empties terminating namespaces: deletes every namespaced object in them (each with its own graceful deletion, so
 * pods pass through Terminating), reports progress in the namespace's conditions, and removes the
 * {@code kubernetes} finalizer once nothing is left, which deletes the namespace.
 */
public final class NamespaceController {
  static final String FINALIZER = "kubernetes";
  private final ResourceOperations operations;
  private final ResourceType namespaces;
  private final RequestContext request = RequestContext.internal("namespace-controller");

  public NamespaceController(ResourceOperations operations) {
    this.operations = operations;
    this.namespaces = operations.registry().find("", "v1", "namespaces").orElseThrow();
  }

  /** Watches namespaces and every namespaced type, so a deleted object wakes its terminating namespace. */
  public ControllerSpec spec() {
    var builder = ControllerSpec.builder("namespace-controller", namespaces).reconciler(this::reconcile);
    for (ResourceType type : contentTypes()) {
      builder.watches(type, obj -> List.of(new ObjectKey("", Meta.namespace(obj))));
    }
    return builder.build();
  }

  Result reconcile(ObjectKey key) {
    StoredObject stored = operations.store().get(namespaces.storageResource(), "", key.name());
    if (stored == null) {
      return Result.done();
    }
    JsonNode ns = operations.storageTree(stored);
    if (!Meta.deleting(ns) || !hasFinalizer(ns)) {
      return Result.done();
    }
    var remaining = new LinkedHashMap<String, Integer>();
    var withFinalizers = new LinkedHashMap<String, Integer>();
    for (ResourceType type : contentTypes()) {
      for (StoredObject o : operations.store().list(type.storageResource(), key.name(), null).objects()) {
        JsonNode obj = operations.storageTree(o);
        remaining.merge(resourceName(type), 1, Integer::sum);
        obj.path("metadata").path("finalizers").forEach(f -> withFinalizers.merge(f.asText(), 1, Integer::sum));
        if (!Meta.deleting(obj)) {
          delete(type, o);
        }
      }
    }
    updateConditions(stored, ns, remaining, withFinalizers);
    if (remaining.isEmpty()) {
      ObjectNode body = Json.object();
      ArrayNode finalizers = body.putObject("spec").putArray("finalizers");
      ns.path("spec").path("finalizers").forEach(f -> {
        if (!f.asText().equals(FINALIZER)) {
          finalizers.add(f);
        }
      });
      NamespaceFinalize.finalize(operations, key.name(), body, request);
    }
    return Result.done();
  }

  private void delete(ResourceType type, StoredObject o) {
    try {
      operations.delete(type, type.storageVersion(), o.namespace(), o.name(),
          new DeleteOptions(null, "Background", null, null, false), request);
    } catch (ApiException e) {
      if (e.code() != 404 && e.code() != 409) {
        throw e;
      }
    }
  }

  private void updateConditions(StoredObject stored, JsonNode ns, Map<String, Integer> remaining,
      Map<String, Integer> withFinalizers) {
    ArrayNode conditions = NamespaceConditions.of(remaining, withFinalizers,
        Timestamps.format(operations.clock().now()));
    if (sameConditions(ns.path("status").path("conditions"), conditions)) {
      return;
    }
    ObjectNode next = (ObjectNode) ns.deepCopy();
    ((ObjectNode) next.get("status")).set("conditions", conditions);
    operations.updateStored(namespaces, stored, next, request, Target.STATUS);
  }

  /** Conditions equal apart from their transition times (which only move when something else changed). */
  private static boolean sameConditions(JsonNode current, ArrayNode next) {
    if (current.size() != next.size()) {
      return false;
    }
    for (int i = 0; i < next.size(); i++) {
      for (String f : new String[] {"type", "status", "reason", "message"}) {
        if (!current.get(i).path(f).asText().equals(next.get(i).path(f).asText())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean hasFinalizer(JsonNode ns) {
    for (JsonNode f : ns.path("spec").path("finalizers")) {
      if (f.asText().equals(FINALIZER)) {
        return true;
      }
    }
    return false;
  }

  /** Every namespaced type once per storage location (views such as events.k8s.io share core events). */
  private List<ResourceType> contentTypes() {
    var seen = new HashSet<GroupResource>();
    var types = new ArrayList<ResourceType>();
    for (ResourceType t : operations.registry().all()) {
      if (t.namespaced() && t.verbs().contains("delete") && seen.add(t.storageResource())) {
        types.add(t);
      }
    }
    return types;
  }

  private static String resourceName(ResourceType type) {
    return type.group().isEmpty() ? type.plural() + "." : type.plural() + "." + type.group();
  }
}
