package dev.kubemu.controllers.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import java.util.List;
import java.util.Objects;

/**
 * kube-controller-manager's root-ca-cert-publisher: every active namespace has a {@code kube-root-ca.crt}
 * ConfigMap holding the cluster CA ({@code ca.crt}), which the pods' projected service-account volumes mount; it is
 * recreated when deleted and reset when edited.
 */
public final class RootCaPublisher {
  static final String NAME = "root-ca-cert-publisher";
  static final String CONFIG_MAP = "kube-root-ca.crt";
  static final String DESCRIPTION_KEY = "kubernetes.io/description";
  /** The description kube-controller-manager puts on the ConfigMap (what {@code kubectl describe cm} shows). */
  static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the kube-apiserver when using "
      + "internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed "
      + "across distributions of Kubernetes clusters.";

  private final ResourceOperations operations;
  private final ResourceType namespaces;
  private final ResourceType configMaps;
  private final String caPem;
  /** It runs inside kube-controller-manager, which therefore owns its fields, under its own service account. */
  private final RequestContext request = new RequestContext(false, "kube-controller-manager",
      RequestContext.FieldValidation.IGNORE, "system:serviceaccount:kube-system:" + NAME);

  /** @param caPem the cluster CA certificate (PEM) the apiserver's serving certificate chains to */
  public RootCaPublisher(ResourceOperations operations, String caPem) {
    this.operations = operations;
    this.namespaces = operations.registry().find("", "v1", "namespaces").orElseThrow();
    this.configMaps = operations.registry().find("", "v1", "configmaps").orElseThrow();
    this.caPem = Objects.requireNonNull(caPem, "caPem");
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder(NAME, namespaces)
        .watches(configMaps, cm -> CONFIG_MAP.equals(Meta.name(cm))
            ? List.of(new ObjectKey("", Meta.namespace(cm))) : List.of())
        .reconciler(this::reconcile).build();
  }

  Result reconcile(ObjectKey key) {
    StoredObject ns = operations.store().get(namespaces.storageResource(), "", key.name());
    if (ns == null || Meta.deleting(operations.storageTree(ns))
        || "Terminating".equals(operations.storageTree(ns).path("status").path("phase").asText())) {
      return Result.done();
    }
    StoredObject stored = operations.store().get(configMaps.storageResource(), key.name(), CONFIG_MAP);
    try {
      if (stored == null) {
        operations.create(configMaps, "v1", key.name(), desired(key.name(), null), request);
      } else {
        JsonNode current = operations.storageTree(stored);
        if (!caPem.equals(current.path("data").path("ca.crt").asText(null)) || current.path("data").size() != 1
            || !DESCRIPTION.equals(current.path("metadata").path("annotations").path(DESCRIPTION_KEY).asText())) {
          operations.updateStored(configMaps, stored, desired(key.name(), current), request, Target.MAIN);
        }
      }
    } catch (ApiException e) {
      // created meanwhile (409 is retried with a fresh read), or the namespace started terminating (403)
      if (e.code() != 403 && e.code() != 404) {
        throw e;
      }
    }
    return Result.done();
  }

  /** The ConfigMap as it should be; an existing one keeps its metadata (labels, owners) and gets the annotation. */
  private ObjectNode desired(String namespace, JsonNode current) {
    ObjectNode cm = current == null ? Json.object() : (ObjectNode) current.deepCopy();
    cm.put("apiVersion", "v1");
    cm.put("kind", "ConfigMap");
    ObjectNode meta = cm.get("metadata") instanceof ObjectNode m ? m : cm.putObject("metadata");
    meta.put("name", CONFIG_MAP);
    meta.put("namespace", namespace);
    ObjectNode annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
    annotations.put(DESCRIPTION_KEY, DESCRIPTION);
    cm.remove("binaryData");
    cm.putObject("data").put("ca.crt", caPem);
    return cm;
  }
}
