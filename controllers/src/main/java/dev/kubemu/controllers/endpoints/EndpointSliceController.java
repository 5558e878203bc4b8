package dev.kubemu.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.OwnerReferences;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps the EndpointSlices of each Service with a selector: {@code <service>-<random>} slices of at most 100
 * endpoints, labelled with the service name and the managing controller, owned by the Service.
 */
public final class EndpointSliceController {
  static final String SERVICE_NAME = "kubernetes.io/service-name";
  static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
  static final String CONTROLLER = "endpointslice-controller.k8s.io";
  static final int MAX_ENDPOINTS = 100;

  private final ResourceOperations operations;
  private final ServiceSelection selection;
  private final ResourceType slices;
  private final RequestContext request = RequestContext.internal("endpointslice-controller");

  public EndpointSliceController(ResourceOperations operations) {
    this.operations = operations;
    this.selection = new ServiceSelection(operations);
    this.slices = operations.registry().find("discovery.k8s.io", "v1", "endpointslices").orElseThrow();
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder("endpointslice-controller", selection.services())
        .watches(selection.pods(), selection::servicesSelecting)
        .reconciler(this::reconcile).build();
  }

  Result reconcile(ObjectKey key) {
    StoredObject svc = operations.store().get(selection.services().storageResource(), key.namespace(), key.name());
    List<StoredObject> existing = managedSlices(key);
    if (svc == null || !ServiceSelection.hasSelector(operations.storageTree(svc))) {
      if (svc == null) {
        existing.forEach(this::delete);
      }
      return Result.done();
    }
    JsonNode service = operations.storageTree(svc);
    var backends = ServiceBackends.of(service, selection.podsOf(service));
    var chunks = new ArrayList<List<ServiceBackends.Backend>>();
    for (int i = 0; i < backends.size(); i += MAX_ENDPOINTS) {
      chunks.add(backends.subList(i, Math.min(backends.size(), i + MAX_ENDPOINTS)));
    }
    if (chunks.isEmpty()) {
      chunks.add(List.of());
    }
    for (int i = 0; i < chunks.size(); i++) {
      ObjectNode desired = slice(service, chunks.get(i));
      if (i < existing.size()) {
        StoredObject stored = existing.get(i);
        JsonNode current = operations.storageTree(stored);
        if (desired.path("endpoints").equals(current.path("endpoints"))
            && desired.path("ports").equals(current.path("ports"))) {
          continue;
        }
        ObjectNode next = (ObjectNode) current.deepCopy();
        next.set("endpoints", desired.get("endpoints"));
        next.set("ports", desired.get("ports"));
        operations.updateStored(slices, stored, next, request, Target.MAIN);
      } else {
        operations.create(slices, "v1", key.namespace(), desired, request);
      }
    }
    for (int i = chunks.size(); i < existing.size(); i++) {
      delete(existing.get(i));
    }
    return Result.done();
  }

  private List<StoredObject> managedSlices(ObjectKey key) {
    var selector = LabelSelector.fromMap(Map.of(SERVICE_NAME, key.name(), MANAGED_BY, CONTROLLER));
    return operations.list(slices, key.namespace(), ListOptions.labels(selector)).items();
  }

  private ObjectNode slice(JsonNode service, List<ServiceBackends.Backend> backends) {
    ObjectNode slice = Json.object();
    slice.put("kind", "EndpointSlice");
    slice.put("apiVersion", "discovery.k8s.io/v1");
    ObjectNode meta = slice.putObject("metadata");
    meta.put("generateName", Meta.name(service) + "-");
    meta.put("namespace", Meta.namespace(service));
    ObjectNode labels = meta.putObject("labels");
    service.path("metadata").path("labels").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
    labels.put(MANAGED_BY, CONTROLLER);
    labels.put(SERVICE_NAME, Meta.name(service));
    OwnerReferences.setController(meta, service);
    slice.put("addressType", "IPv4");
    ArrayNode endpoints = slice.putArray("endpoints");
    for (ServiceBackends.Backend b : backends) {
      ObjectNode e = endpoints.addObject();
      e.putArray("addresses").add(b.ip());
      ObjectNode conditions = e.putObject("conditions");
      conditions.put("ready", b.ready() && !b.terminating());
      conditions.put("serving", b.serving());
      conditions.put("terminating", b.terminating());
      String node = b.pod().path("spec").path("nodeName").asText("");
      if (!node.isEmpty()) {
        e.put("nodeName", node);
      }
      ObjectNode ref = e.putObject("targetRef");
      ref.put("kind", "Pod");
      ref.put("namespace", Meta.namespace(b.pod()));
      ref.put("name", Meta.name(b.pod()));
      ref.put("uid", Meta.uid(b.pod()));
    }
    ArrayNode ports = slice.putArray("ports");
    for (JsonNode sp : service.path("spec").path("ports")) {
      ObjectNode p = ports.addObject();
      p.put("name", sp.path("name").asText(""));
      int resolved = backends.isEmpty() ? 0 : ServiceBackends.resolveTargetPort(sp, backends.get(0).pod());
      if (resolved > 0) {
        p.put("port", resolved);
      }
      p.put("protocol", sp.path("protocol").asText("TCP"));
    }
    return slice;
  }

  private void delete(StoredObject slice) {
    operations.deleteIfPresent(slices, slice.namespace(), slice.name(), DeleteOptions.defaults(), request);
  }
}
