package dev.kubemu.controllers.endpoints;

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
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Keeps one v1 Endpoints per Service with a selector: ready pods under {@code addresses}, the others under
 * {@code notReadyAddresses}, grouped into subsets by the ports they serve; deleted with its Service.
 */
public final class EndpointsController {
  static final String TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
  static final int MAX_ADDRESSES = 1000;

  private final ResourceOperations operations;
  private final ServiceSelection selection;
  private final ResourceType endpoints;
  private final RequestContext request = RequestContext.internal("endpoint-controller");

  public EndpointsController(ResourceOperations operations) {
    this.operations = operations;
    this.selection = new ServiceSelection(operations);
    this.endpoints = operations.registry().find("", "v1", "endpoints").orElseThrow();
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder("endpoint-controller", selection.services())
        .watches(selection.pods(), selection::servicesSelecting)
        .reconciler(this::reconcile).build();
  }

  Result reconcile(ObjectKey key) {
    StoredObject svc = operations.store().get(selection.services().storageResource(), key.namespace(), key.name());
    StoredObject current = operations.store().get(endpoints.storageResource(), key.namespace(), key.name());
    if (svc == null) {
      if (current != null) {
        delete(key);
      }
      return Result.done();
    }
    JsonNode service = operations.storageTree(svc);
    if (!ServiceSelection.hasSelector(service)) {
      return Result.done();
    }
    var backends = ServiceBackends.of(service, selection.podsOf(service));
    ArrayNode subsets = subsets(backends);
    ObjectNode labels = labels(service);
    if (current != null) {
      JsonNode existing = operations.storageTree(current);
      JsonNode existingSubsets = existing.get("subsets");
      boolean sameSubsets = subsets.isEmpty() ? existingSubsets == null || existingSubsets.isEmpty()
          : subsets.equals(existingSubsets);
      JsonNode existingLabels = existing.path("metadata").path("labels");
      boolean sameLabels = labels.isEmpty() ? existingLabels.isMissingNode() || existingLabels.isEmpty()
          : labels.equals(existingLabels);
      if (sameSubsets && sameLabels) {
        return Result.done();
      }
      ObjectNode next = (ObjectNode) existing.deepCopy();
      fill(next, subsets, labels);
      operations.updateStored(endpoints, current, next, request, Target.MAIN);
    } else {
      ObjectNode next = Json.object();
      next.put("kind", "Endpoints");
      next.put("apiVersion", "v1");
      ObjectNode meta = next.putObject("metadata");
      meta.put("name", key.name());
      meta.put("namespace", key.namespace());
      fill(next, subsets, labels);
      operations.create(endpoints, "v1", key.namespace(), next, request);
    }
    return Result.done();
  }

  private void fill(ObjectNode endpointsObject, ArrayNode subsets, ObjectNode labels) {
    ObjectNode meta = (ObjectNode) endpointsObject.get("metadata");
    meta.putObject("annotations").put(TRIGGER_TIME, Timestamps.format(operations.clock().now()));
    if (labels.isEmpty()) {
      meta.remove("labels");
    } else {
      meta.set("labels", labels);
    }
    if (subsets.isEmpty()) {
      endpointsObject.remove("subsets");
    } else {
      endpointsObject.set("subsets", subsets);
    }
  }

  private static ObjectNode labels(JsonNode service) {
    ObjectNode labels = Json.object();
    service.path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
    if (service.path("spec").path("clusterIP").asText().equals("None")) {
      labels.put("service.kubernetes.io/headless", "");
    }
    return labels;
  }

  /** Backends grouped by identical port lists, as the endpoints controller repacks them. */
  static ArrayNode subsets(List<ServiceBackends.Backend> backends) {
    var groups = new LinkedHashMap<List<ServiceBackends.Port>, ObjectNode>();
    int count = 0;
    for (ServiceBackends.Backend b : backends) {
      if (count++ >= MAX_ADDRESSES) {
        break;
      }
      ObjectNode subset = groups.computeIfAbsent(b.ports(), ports -> {
        ObjectNode s = Json.object();
        if (!ports.isEmpty()) {
          ArrayNode p = Json.array();
          for (ServiceBackends.Port port : ports) {
            ObjectNode entry = p.addObject();
            if (!port.name().isEmpty()) {
              entry.put("name", port.name());
            }
            entry.put("port", port.port());
            entry.put("protocol", port.protocol());
          }
          s.set("ports", p);
        }
        return s;
      });
      String field = b.ready() ? "addresses" : "notReadyAddresses";
      ArrayNode list = subset.get(field) instanceof ArrayNode a ? a : subset.putArray(field);
      ObjectNode address = list.addObject();
      address.put("ip", b.ip());
      String node = b.pod().path("spec").path("nodeName").asText("");
      if (!node.isEmpty()) {
        address.put("nodeName", node);
      }
      ObjectNode ref = address.putObject("targetRef");
      ref.put("kind", "Pod");
      ref.put("namespace", Meta.namespace(b.pod()));
      ref.put("name", Meta.name(b.pod()));
      ref.put("uid", Meta.uid(b.pod()));
    }
    ArrayNode result = Json.array();
    for (ObjectNode s : groups.values()) {
      // fields in the order kube-controller-manager writes them
      ObjectNode ordered = Json.object();
      for (String f : new String[] {"addresses", "notReadyAddresses", "ports"}) {
        if (s.has(f)) {
          ordered.set(f, s.get(f));
        }
      }
      result.add(ordered);
    }
    return result;
  }

  private void delete(ObjectKey key) {
    operations.deleteIfPresent(endpoints, key.namespace(), key.name(), DeleteOptions.defaults(), request);
  }
}
