package dev.kubemu.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import java.util.ArrayList;
import java.util.List;

/** Maps pods to the Services that select them, and Services to their pods. */
final class ServiceSelection {
  private final ResourceOperations operations;
  private final ResourceType services;
  private final ResourceType pods;

  ServiceSelection(ResourceOperations operations) {
    this.operations = operations;
    this.services = operations.registry().find("", "v1", "services").orElseThrow();
    this.pods = operations.registry().find("", "v1", "pods").orElseThrow();
  }

  ResourceType services() {
    return services;
  }

  ResourceType pods() {
    return pods;
  }

  /** Keys of the Services in the pod's namespace whose selector matches the pod. */
  List<ObjectKey> servicesSelecting(JsonNode pod) {
    var keys = new ArrayList<ObjectKey>();
    String ns = Meta.namespace(pod);
    var labels = Meta.labels(pod);
    for (StoredObject s : operations.store().list(services.storageResource(), ns, null).objects()) {
      JsonNode selector = operations.storageTree(s).path("spec").path("selector");
      if (selector.isObject() && !selector.isEmpty()
          && LabelSelector.fromMap(Meta.stringMap(selector)).matches(labels)) {
        keys.add(new ObjectKey(ns, s.name()));
      }
    }
    return keys;
  }

  /** The pods a Service with a non-empty selector selects, in its namespace. */
  List<JsonNode> podsOf(JsonNode service) {
    var selector = LabelSelector.fromMap(Meta.stringMap(service.path("spec").path("selector")));
    var result = new ArrayList<JsonNode>();
    for (StoredObject p : operations.store().list(pods.storageResource(), Meta.namespace(service), null).objects()) {
      JsonNode pod = operations.storageTree(p);
      if (selector.matches(Meta.labels(pod))) {
        result.add(pod);
      }
    }
    return result;
  }

  static boolean hasSelector(JsonNode service) {
    JsonNode selector = service.path("spec").path("selector");
    return selector.isObject() && !selector.isEmpty();
  }
}
