package dev.kubemu.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DefaultStorageClass;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.EventRecorder;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * kube-controller-manager's PersistentVolume binder ({@code persistentvolume-binder}): binds claims to volumes (the
 * smallest matching one, or the one a claim names), hands claims of classes with a provisioner to that provisioner,
 * waits for a first consumer where the class says so, marks claims Lost and volumes Released when their partner
 * goes, and reclaims released volumes by their policy. Events come from {@value #COMPONENT}. Pending claims are
 * synced again every {@link #RESYNC}, as the controller's periodic resync does, which is when a volume created after
 * a claim is found and when waiting events repeat.
 */
public final class PersistentVolumeController {
  static final String COMPONENT = "persistentvolume-controller";
  /** kube-controller-manager's {@code --pvclaimbinder-sync-period}. */
  static final Duration RESYNC = Duration.ofSeconds(15);
  private static final Logger LOG = Logger.getLogger(PersistentVolumeController.class.getName());

  private final ResourceOperations operations;
  private final ResourceType claims;
  private final ResourceType volumes;
  private final ResourceType classes;
  private final ResourceType pods;
  private final EventRecorder events;
  private final RequestContext request = RequestContext.internal(COMPONENT);

  public PersistentVolumeController(ResourceOperations operations) {
    this.operations = operations;
    this.claims = operations.registry().find("", "v1", "persistentvolumeclaims").orElseThrow();
    this.volumes = operations.registry().find("", "v1", "persistentvolumes").orElseThrow();
    this.classes = operations.registry().find("storage.k8s.io", "v1", "storageclasses").orElseThrow();
    this.pods = operations.registry().find("", "v1", "pods").orElseThrow();
    this.events = new EventRecorder(operations, COMPONENT, null);
  }

  /** The claim worker: a volume's change wakes the claim its claimRef names. */
  public ControllerSpec claimSpec() {
    return ControllerSpec.builder("persistentvolume-binder-claims", claims)
        .watches(volumes, pv -> {
          String key = Volumes.claimRefKey(pv);
          return key == null ? List.of() : List.of(key(key));
        })
        .reconciler(this::syncClaim).build();
  }

  /** The volume worker: a claim's change wakes its volume, and a deleted claim every volume that references it. */
  public ControllerSpec volumeSpec() {
    return ControllerSpec.builder("persistentvolume-binder-volumes", volumes)
        .watchesEvents(claims, this::volumesOf)
        .reconciler(this::syncVolume).build();
  }

  private List<ObjectKey> volumesOf(WatchEvent.Type event, JsonNode claim) {
    var keys = new ArrayList<ObjectKey>();
    String volumeName = claim.path("spec").path("volumeName").asText("");
    if (!volumeName.isEmpty()) {
      keys.add(new ObjectKey("", volumeName));
    }
    if (event == WatchEvent.Type.DELETED) {
      String claimKey = Meta.namespace(claim) + "/" + Meta.name(claim);
      for (JsonNode pv : allVolumes()) {
        if (claimKey.equals(Volumes.claimRefKey(pv)) && !Meta.name(pv).equals(volumeName)) {
          keys.add(new ObjectKey("", Meta.name(pv)));
        }
      }
    }
    return keys;
  }

  private static ObjectKey key(String namespacedName) {
    int slash = namespacedName.indexOf('/');
    return new ObjectKey(namespacedName.substring(0, slash), namespacedName.substring(slash + 1));
  }

  // ------------------------------------------------------------------------------------------------ claims

  Result syncClaim(ObjectKey key) {
    StoredObject stored = operations.store().get(claims.storageResource(), key.namespace(), key.name());
    if (stored == null) {
      return Result.done();
    }
    JsonNode claim = operations.storageTree(stored);
    String volumeName = claim.path("spec").path("volumeName").asText("");
    boolean unbound = !Volumes.hasAnnotation(claim, Volumes.BIND_COMPLETED);
    var world = new ClaimSync.World(claim, volumeName.isEmpty() ? null : volumeTree(volumeName),
        unbound && volumeName.isEmpty() ? allVolumes() : List.of(), this::storageClass,
        Volumes.claimHasClass(claim) ? null : DefaultStorageClass.defaultClass(operations),
        () -> unscheduledPods(claim));
    ClaimPlan plan = ClaimSync.plan(world);
    switch (plan.action()) {
      case ASSIGN_CLASS -> {
        ObjectNode next = (ObjectNode) claim.deepCopy();
        ((ObjectNode) next.get("spec")).put("storageClassName", plan.value());
        operations.updateStored(claims, stored, next, request, Target.MAIN);
        // the update wakes the claim again, now with its class
        return Result.done();
      }
      case BIND -> {
        bind(plan.volume(), claim);
        return Result.done();
      }
      case PROVISION -> {
        if (!Volumes.annotation(claim, Volumes.STORAGE_PROVISIONER).equals(plan.value())) {
          ObjectNode next = (ObjectNode) claim.deepCopy();
          VolumeWrites.annotate(next, Volumes.BETA_STORAGE_PROVISIONER, plan.value());
          VolumeWrites.annotate(next, Volumes.STORAGE_PROVISIONER, plan.value());
          operations.updateStored(claims, stored, next, request, Target.MAIN);
        }
        record(claim, plan.event());
        return Result.requeueAfter(RESYNC);
      }
      case PENDING -> {
        record(claim, plan.event());
        setClaimStatus(stored, "Pending", null);
        return Result.requeueAfter(RESYNC);
      }
      case EVENT_ONLY -> {
        record(claim, plan.event());
        return Result.requeueAfter(RESYNC);
      }
      case LOST -> {
        if (!claim.path("status").path("phase").asText("").equals("Lost")) {
          setClaimStatus(stored, "Lost", null);
          record(claim, plan.event());
        }
        return Result.done();
      }
      case FAIL -> {
        LOG.warning(COMPONENT + ": " + plan.value());
        return Result.requeueAfter(RESYNC);
      }
      default -> {
        return Result.done();
      }
    }
  }

  /**
   * Binds in kube's order, each step writing only what differs, so a sync that finds half a binding (after a
   * conflict) finishes it: the volume's claimRef, the volume's phase, the claim's volumeName and annotations, the
   * claim's status.
   */
  private void bind(JsonNode volume, JsonNode claim) {
    StoredObject pvStored = operations.store().get(volumes.storageResource(), "", Meta.name(volume));
    if (pvStored == null) {
      return;
    }
    JsonNode pv = operations.storageTree(pvStored);
    ObjectNode pvNext = null;
    JsonNode ref = pv.path("spec").path("claimRef");
    if (!ref.isObject() || !ref.path("name").asText("").equals(Meta.name(claim))
        || !ref.path("namespace").asText("").equals(Meta.namespace(claim))
        || !ref.path("uid").asText("").equals(Meta.uid(claim))) {
      pvNext = (ObjectNode) pv.deepCopy();
      ((ObjectNode) pvNext.get("spec")).set("claimRef", VolumeWrites.claimRef(claim));
    }
    if (!Volumes.boundToClaim(pv, claim) && !Volumes.hasAnnotation(pv, Volumes.BOUND_BY_CONTROLLER)) {
      pvNext = pvNext != null ? pvNext : (ObjectNode) pv.deepCopy();
      VolumeWrites.annotate(pvNext, Volumes.BOUND_BY_CONTROLLER, "yes");
    }
    if (pvNext != null) {
      operations.updateStored(volumes, pvStored, pvNext, request, Target.MAIN);
      pvStored = operations.store().get(volumes.storageResource(), "", Meta.name(volume));
    }
    pvStored = setVolumePhase(pvStored, "Bound", null);
    pv = operations.storageTree(pvStored);

    StoredObject claimStored = operations.store().get(claims.storageResource(), Meta.namespace(claim),
        Meta.name(claim));
    JsonNode current = operations.storageTree(claimStored);
    ObjectNode claimNext = null;
    if (!Meta.name(pv).equals(current.path("spec").path("volumeName").asText(""))) {
      claimNext = (ObjectNode) current.deepCopy();
      ((ObjectNode) claimNext.get("spec")).put("volumeName", Meta.name(pv));
      if (!Volumes.hasAnnotation(current, Volumes.BOUND_BY_CONTROLLER)) {
        VolumeWrites.annotate(claimNext, Volumes.BOUND_BY_CONTROLLER, "yes");
      }
    }
    if (!Volumes.hasAnnotation(current, Volumes.BIND_COMPLETED)) {
      claimNext = claimNext != null ? claimNext : (ObjectNode) current.deepCopy();
      VolumeWrites.annotate(claimNext, Volumes.BIND_COMPLETED, "yes");
    }
    if (claimNext != null) {
      operations.updateStored(claims, claimStored, claimNext, request, Target.MAIN);
      claimStored = operations.store().get(claims.storageResource(), Meta.namespace(claim), Meta.name(claim));
    }
    setClaimStatus(claimStored, "Bound", pv);
  }

  /**
   * kube's {@code updateClaimStatus}: the phase; without a volume no access modes or capacity; with one its access
   * modes, and its capacity when the claim becomes Bound (a later difference may be a deliberate resize).
   */
  private void setClaimStatus(StoredObject stored, String phase, JsonNode volume) {
    JsonNode claim = operations.storageTree(stored);
    JsonNode status = claim.path("status");
    ObjectNode next = status.isObject() ? ((ObjectNode) status).deepCopy() : dev.kubemu.core.object.Json.object();
    boolean phaseChanges = !status.path("phase").asText("").equals(phase);
    next.put("phase", phase);
    if (volume == null) {
      next.remove("accessModes");
      next.remove("capacity");
    } else {
      next.set("accessModes", volume.path("spec").path("accessModes").deepCopy());
      JsonNode capacity = volume.path("spec").path("capacity");
      if (phaseChanges && !capacity.path("storage").equals(status.path("capacity").path("storage"))) {
        next.set("capacity", capacity.deepCopy());
      }
    }
    if (next.equals(status)) {
      return;
    }
    ObjectNode updated = (ObjectNode) claim.deepCopy();
    updated.set("status", next);
    operations.updateStored(claims, stored, updated, request, Target.STATUS);
  }

  // ----------------------------------------------------------------------------------------------- volumes

  Result syncVolume(ObjectKey key) {
    StoredObject stored = operations.store().get(volumes.storageResource(), "", key.name());
    if (stored == null) {
      return Result.done();
    }
    JsonNode pv = operations.storageTree(stored);
    String claimKey = Volumes.claimRefKey(pv);
    JsonNode claim = null;
    if (claimKey != null) {
      ObjectKey ck = key(claimKey);
      StoredObject claimStored = operations.store().get(claims.storageResource(), ck.namespace(), ck.name());
      claim = claimStored == null ? null : operations.storageTree(claimStored);
    }
    VolumeSync.Plan plan = VolumeSync.plan(pv, claim);
    switch (plan.action()) {
      case PHASE -> setVolumePhase(stored, plan.phase(), null);
      case UNBIND -> unbind(stored);
      case MODE_MISMATCH -> {
        record(pv, plan.event());
        record(claim, plan.claimEvent());
      }
      case RECLAIM -> reclaim(stored, plan);
      case SYNC_CLAIM -> {
        // the claim worker is woken by this volume's events (its claimRef names the claim)
      }
      default -> { }
    }
    return Result.done();
  }

  private void reclaim(StoredObject stored, VolumeSync.Plan plan) {
    String phase = operations.storageTree(stored).path("status").path("phase").asText("");
    if (!phase.equals("Released") && !phase.equals("Failed")) {
      stored = setVolumePhase(stored, "Released", null);
    }
    JsonNode pv = operations.storageTree(stored);
    switch (plan.reclaim()) {
      case DELETE_OBJECT -> operations.deleteIfPresent(volumes, "", Meta.name(pv), DeleteOptions.defaults(), request);
      case RECYCLE -> {
        record(pv, plan.event());
        unbind(stored);
      }
      case FAIL -> {
        if (!pv.path("status").path("phase").asText("").equals("Failed")) {
          setVolumePhase(stored, "Failed", plan.event().message());
          record(pv, plan.event());
        }
      }
      default -> {
        // Retain keeps the volume and its claimRef; an external provisioner deletes its own volumes
      }
    }
  }

  /**
   * kube's {@code unbindVolume}: a binding the controller made is undone completely, a user's pre-binding keeps its
   * claim name and loses only the uid; the volume is Available again.
   */
  private void unbind(StoredObject stored) {
    JsonNode pv = operations.storageTree(stored);
    ObjectNode next = (ObjectNode) pv.deepCopy();
    if (Volumes.hasAnnotation(pv, Volumes.BOUND_BY_CONTROLLER)) {
      ((ObjectNode) next.get("spec")).remove("claimRef");
      VolumeWrites.removeAnnotation(next, Volumes.BOUND_BY_CONTROLLER);
    } else if (next.path("spec").get("claimRef") instanceof ObjectNode ref) {
      ref.remove("uid");
    }
    operations.updateStored(volumes, stored, next, request, Target.MAIN);
    setVolumePhase(operations.store().get(volumes.storageResource(), "", Meta.name(pv)), "Available", null);
  }

  /** Sets the phase (and message), stamping {@code lastPhaseTransitionTime}; returns the revision now stored. */
  private StoredObject setVolumePhase(StoredObject stored, String phase, String message) {
    JsonNode pv = operations.storageTree(stored);
    if (pv.path("status").path("phase").asText("").equals(phase)) {
      return stored;
    }
    ObjectNode next = (ObjectNode) pv.deepCopy();
    ObjectNode status = next.get("status") instanceof ObjectNode s ? s : next.putObject("status");
    status.put("phase", phase);
    if (message == null || message.isEmpty()) {
      status.remove("message");
    } else {
      status.put("message", message);
    }
    status.put("lastPhaseTransitionTime", Timestamps.format(operations.clock().now()));
    operations.updateStored(volumes, stored, next, request, Target.STATUS);
    return operations.store().get(volumes.storageResource(), "", Meta.name(pv));
  }

  // ----------------------------------------------------------------------------------------------- lookups

  private void record(JsonNode about, ClaimPlan.Event event) {
    if (event != null && about != null) {
      events.record(about, event.type(), event.reason(), event.message(), null);
    }
  }

  private JsonNode volumeTree(String name) {
    StoredObject stored = operations.store().get(volumes.storageResource(), "", name);
    return stored == null ? null : operations.storageTree(stored);
  }

  private List<JsonNode> allVolumes() {
    var all = new ArrayList<JsonNode>();
    for (StoredObject o : operations.list(volumes, "", ListOptions.everything()).items()) {
      all.add(operations.storageTree(o));
    }
    return all;
  }

  private JsonNode storageClass(String name) {
    StoredObject stored = operations.store().get(classes.storageResource(), "", name);
    return stored == null ? null : operations.storageTree(stored);
  }

  /** Pods that use the claim, are not finished and not yet scheduled (the WaitForPodScheduled message). */
  private List<String> unscheduledPods(JsonNode claim) {
    var names = new ArrayList<String>();
    for (StoredObject o : operations.list(pods, Meta.namespace(claim), ListOptions.everything()).items()) {
      JsonNode pod = operations.storageTree(o);
      if (Volumes.claimNames(pod).contains(Meta.name(claim)) && !Volumes.podTerminated(pod)
          && pod.path("spec").path("nodeName").asText("").isEmpty()) {
        names.add(Meta.name(pod));
      }
    }
    return names;
  }
}
