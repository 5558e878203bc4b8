package dev.kubemu.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.controllers.volume.ClaimPlan.Action;
import dev.kubemu.controllers.volume.ClaimPlan.Event;
import dev.kubemu.core.object.Meta;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The PV controller's decision for one claim ({@code syncClaim}, {@code syncUnboundClaim}, {@code syncBoundClaim} in
 * kube's pv_controller.go), pure over what it is given. Messages and reasons are upstream's.
 */
final class ClaimSync {
  static final String NO_CLASS = "no persistent volumes available for this claim and no storage class is set";
  static final String WAIT_FOR_CONSUMER = "waiting for first consumer to be created before binding";
  static final String LOST_REFERENCE = "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!";
  static final String LOST_VOLUME = "Bound claim has lost its PersistentVolume. Data on the volume is lost!";
  static final String MISBOUND = "Two claims are bound to the same volume, this one is bound incorrectly";

  private ClaimSync() {}

  /**
   * What the world looks like to one sync of a claim.
   *
   * @param claim          the claim
   * @param requested      the volume its {@code spec.volumeName} names, or null (none named, or not found)
   * @param volumes        every volume, for claims that name none
   * @param classes        StorageClass by name, null when missing
   * @param defaultClass   the default class's name, or null
   * @param unscheduledPods names of the pods that use the claim, are not finished and not yet scheduled (asked for
   *                        only while the claim waits for a first consumer)
   */
  record World(JsonNode claim, JsonNode requested, Collection<JsonNode> volumes, Function<String, JsonNode> classes,
      String defaultClass, Supplier<List<String>> unscheduledPods) {}

  static ClaimPlan plan(World w) {
    JsonNode claim = w.claim();
    return Volumes.hasAnnotation(claim, Volumes.BIND_COMPLETED) ? bound(w) : unbound(w);
  }

  private static ClaimPlan unbound(World w) {
    JsonNode claim = w.claim();
    String volumeName = claim.path("spec").path("volumeName").asText("");
    if (!volumeName.isEmpty()) {
      return requested(w, volumeName);
    }
    String className = Volumes.claimClass(claim);
    JsonNode storageClass = className.isEmpty() ? null : w.classes().apply(className);
    boolean delay = Volumes.delaysBinding(storageClass);
    JsonNode match = VolumeMatching.bestMatch(claim, w.volumes(), delay);
    if (match != null) {
      return ClaimPlan.bind(match);
    }
    if (!Volumes.claimHasClass(claim) && w.defaultClass() != null) {
      return ClaimPlan.of(Action.ASSIGN_CLASS, w.defaultClass(), null);
    }
    if (delay && Volumes.annotation(claim, Volumes.SELECTED_NODE).isEmpty()) {
      return ClaimPlan.pending(waitEvent(w.unscheduledPods().get()));
    }
    if (!className.isEmpty()) {
      return provision(className, storageClass);
    }
    return ClaimPlan.pending(Event.normal("FailedBinding", NO_CLASS));
  }

  /** {@code emitEventForUnboundDelayBindingClaim}. */
  private static Event waitEvent(List<String> unscheduledPods) {
    if (unscheduledPods.isEmpty()) {
      return Event.normal("WaitForFirstConsumer", WAIT_FOR_CONSUMER);
    }
    if (unscheduledPods.size() == 1) {
      return Event.normal("WaitForPodScheduled", "waiting for pod " + unscheduledPods.get(0) + " to be scheduled");
    }
    return Event.normal("WaitForPodScheduled", "waiting for pods " + String.join(",", unscheduledPods)
        + " to be scheduled");
  }

  /**
   * {@code provisionClaim}: every provisioner is external to this controller (kubemu has no in-tree volume
   * plugins), except the marker of classes that are never provisioned, which finds no plugin.
   */
  private static ClaimPlan provision(String className, JsonNode storageClass) {
    if (storageClass == null) {
      return ClaimPlan.of(Action.EVENT_ONLY, null, Event.warning("ProvisioningFailed",
          "storageclass.storage.k8s.io \"" + className + "\" not found"));
    }
    String provisioner = storageClass.path("provisioner").asText("");
    if (provisioner.equals(Volumes.NO_PROVISIONER)) {
      return ClaimPlan.of(Action.EVENT_ONLY, null, Event.warning("ProvisioningFailed",
          "no volume plugin matched name: " + provisioner));
    }
    return ClaimPlan.of(Action.PROVISION, provisioner, Event.normal("ExternalProvisioning",
        "Waiting for a volume to be created either by the external provisioner '" + provisioner + "' or manually by "
            + "the system administrator. If volume creation is delayed, please verify that the provisioner is running "
            + "and correctly registered."));
  }

  /** An unbound claim that names its volume. */
  private static ClaimPlan requested(World w, String volumeName) {
    JsonNode claim = w.claim();
    JsonNode volume = w.requested();
    if (volume == null) {
      // not there (yet): wait for it
      return ClaimPlan.pending(null);
    }
    if (!volume.path("spec").path("claimRef").isObject()) {
      String mismatch = VolumeMatching.mismatch(volume, claim);
      if (mismatch != null) {
        return ClaimPlan.pending(Event.warning("VolumeMismatch", "Cannot bind to requested volume \"" + volumeName
            + "\": " + mismatch));
      }
      return ClaimPlan.bind(volume);
    }
    if (Volumes.boundToClaim(volume, claim)) {
      return ClaimPlan.bind(volume);
    }
    if (!Volumes.hasAnnotation(claim, Volumes.BOUND_BY_CONTROLLER)) {
      // the user asked for a volume someone else has: wait until it is free
      return ClaimPlan.pending(null);
    }
    return ClaimPlan.of(Action.FAIL, "invalid binding of claim \"" + Meta.namespace(claim) + "/" + Meta.name(claim)
        + "\" to volume \"" + volumeName + "\": volume already claimed by \"" + Volumes.claimRefKey(volume) + "\"",
        null);
  }

  private static ClaimPlan bound(World w) {
    JsonNode claim = w.claim();
    if (claim.path("spec").path("volumeName").asText("").isEmpty()) {
      return ClaimPlan.lost(Event.warning("ClaimLost", LOST_REFERENCE));
    }
    JsonNode volume = w.requested();
    if (volume == null) {
      return ClaimPlan.lost(Event.warning("ClaimLost", LOST_VOLUME));
    }
    JsonNode ref = volume.path("spec").path("claimRef");
    if (!ref.isObject() || ref.path("uid").asText("").equals(Meta.uid(claim))) {
      // unbound volume (or an update not seen yet) or all well: bind (again), which writes only what differs
      return ClaimPlan.bind(volume);
    }
    return ClaimPlan.lost(Event.warning("ClaimMisbound", MISBOUND));
  }
}
