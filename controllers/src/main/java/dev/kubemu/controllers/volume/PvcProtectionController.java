package dev.kubemu.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ListOptions;
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
import dev.kubemu.core.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-controller-manager's pvc-protection controller: a claim being deleted keeps its
 * {@code kubernetes.io/pvc-protection} finalizer while a pod uses it, and claims that lack the finalizer (created
 * before the admission plugin) get it. As upstream, a pod uses a claim when it is scheduled (it has a node) and
 * names the claim in a {@code persistentVolumeClaim} volume, whatever its phase: the claim is released when such
 * pods are deleted.
 */
public final class PvcProtectionController {
  static final String NAME = "pvc-protection-controller";

  private final ResourceOperations operations;
  private final ResourceType claims;
  private final ResourceType pods;
  private final RequestContext request = RequestContext.internal(NAME);

  public PvcProtectionController(ResourceOperations operations) {
    this.operations = operations;
    this.claims = operations.registry().find("", "v1", "persistentvolumeclaims").orElseThrow();
    this.pods = operations.registry().find("", "v1", "pods").orElseThrow();
  }

  public ControllerSpec spec() {
    return ControllerSpec.builder(NAME, claims).watchesEvents(pods, PvcProtectionController::claimsReleasedBy)
        .reconciler(this::reconcile).build();
  }

  /** Pods that can no longer hold a claim (gone, finished or never scheduled) wake the claims they name. */
  static List<ObjectKey> claimsReleasedBy(WatchEvent.Type event, JsonNode pod) {
    if (event != WatchEvent.Type.DELETED && !Volumes.podTerminated(pod)
        && !pod.path("spec").path("nodeName").asText("").isEmpty()) {
      return List.of();
    }
    var keys = new ArrayList<ObjectKey>();
    for (String claim : Volumes.claimNames(pod)) {
      keys.add(new ObjectKey(Meta.namespace(pod), claim));
    }
    return keys;
  }

  Result reconcile(ObjectKey key) {
    StoredObject stored = operations.store().get(claims.storageResource(), key.namespace(), key.name());
    if (stored == null) {
      return Result.done();
    }
    JsonNode claim = operations.storageTree(stored);
    boolean protectedClaim = Meta.hasFinalizer(claim, StorageObjectInUseProtection.PVC_FINALIZER);
    if (Meta.deleting(claim)) {
      if (protectedClaim && !inUse(claim)) {
        write(stored, claim, false);
      }
    } else if (!protectedClaim) {
      write(stored, claim, true);
    }
    return Result.done();
  }

  private boolean inUse(JsonNode claim) {
    for (StoredObject o : operations.list(pods, Meta.namespace(claim), ListOptions.everything()).items()) {
      JsonNode pod = operations.storageTree(o);
      if (!pod.path("spec").path("nodeName").asText("").isEmpty()
          && Volumes.claimNames(pod).contains(Meta.name(claim))) {
        return true;
      }
    }
    return false;
  }

  private void write(StoredObject stored, JsonNode claim, boolean protect) {
    ObjectNode next = (ObjectNode) claim.deepCopy();
    VolumeWrites.setFinalizer(next, StorageObjectInUseProtection.PVC_FINALIZER, protect);
    operations.updateStored(claims, stored, next, request, Target.MAIN);
  }
}
