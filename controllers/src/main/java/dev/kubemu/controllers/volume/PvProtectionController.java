package dev.kubemu.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.StorageObjectInUseProtection;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;

/**
 * kube-controller-manager's pv-protection controller: a volume being deleted keeps its
 * {@code kubernetes.io/pv-protection} finalizer while it is Bound; volumes that lack the finalizer get it.
 */
public final class PvProtectionController {
  static final String NAME = "pv-protection-controller";

  private final ResourceOperations operations;
  private final ResourceType volumes;
  private final RequestContext request = RequestContext.internal(NAME);

  public PvProtectionController(ResourceOperations operations) {
    this.operations = operations;
    this.volumes = operations.registry().find("", "v1", "persistentvolumes").orElseThrow();
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder(NAME, volumes).reconciler(this::reconcile).build();
  }

  Result reconcile(ObjectKey key) {
    StoredObject stored = operations.store().get(volumes.storageResource(), "", key.name());
    if (stored == null) {
      return Result.done();
    }
    JsonNode pv = operations.storageTree(stored);
    boolean protectedVolume = Meta.hasFinalizer(pv, StorageObjectInUseProtection.PV_FINALIZER);
    if (Meta.deleting(pv)) {
      if (protectedVolume && !pv.path("status").path("phase").asText("").equals("Bound")) {
        write(stored, pv, false);
      }
    } else if (!protectedVolume) {
      write(stored, pv, true);
    }
    return Result.done();
  }

  private void write(StoredObject stored, JsonNode pv, boolean protect) {
    ObjectNode next = (ObjectNode) pv.deepCopy();
    VolumeWrites.setFinalizer(next, StorageObjectInUseProtection.PV_FINALIZER, protect);
    operations.updateStored(volumes, stored, next, request, Target.MAIN);
  }
}
