package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;

/**
 * kube-apiserver's StorageObjectInUseProtection admission plugin: every new PersistentVolumeClaim gets the
 * {@value #PVC_FINALIZER} finalizer and every new PersistentVolume {@value #PV_FINALIZER}, so deleting one that is
 * still in use only marks it; the protection controllers remove the finalizers once nothing uses it.
 */
public final class StorageObjectInUseProtection implements AdmissionPlugin {
  public static final String PVC_FINALIZER = "kubernetes.io/pvc-protection";
  public static final String PV_FINALIZER = "kubernetes.io/pv-protection";

  @Override
  public void admitCreate(ResourceType type, ObjectNode object, WriteContext ctx) {
    if (!type.group().isEmpty()) {
      return;
    }
    switch (type.kind()) {
      case "PersistentVolumeClaim" -> addFinalizer(object, PVC_FINALIZER);
      case "PersistentVolume" -> addFinalizer(object, PV_FINALIZER);
      default -> { }
    }
  }

  private static void addFinalizer(ObjectNode object, String finalizer) {
    ObjectNode meta = Meta.metaForWrite(object);
    ArrayNode finalizers = meta.get("finalizers") instanceof ArrayNode a ? a : meta.putArray("finalizers");
    for (JsonNode f : finalizers) {
      if (f.asText().equals(finalizer)) {
        return;
      }
    }
    finalizers.add(finalizer);
  }
}
