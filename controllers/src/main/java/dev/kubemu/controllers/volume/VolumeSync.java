package dev.kubemu.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Meta;
import java.util.regex.Pattern;

/**
 * The PV controller's decision for one volume ({@code syncVolume} and {@code reclaimVolume} in kube's
 * pv_controller.go), pure over the volume and the claim its claimRef names. Messages and reasons are upstream's.
 */
final class VolumeSync {
  /** What the in-tree hostPath deleter accepts (it matches anywhere in the path, as Go's MatchString does). */
  private static final Pattern HOST_PATH_DELETABLE = Pattern.compile("/tmp/.+");

  private VolumeSync() {}

  /**
   * What to do.
   *
   * @param action   the step
   * @param phase    the phase to set, for {@link Action#PHASE} and {@link Action#RECLAIM} (Released first)
   * @param reclaim  for {@link Action#RECLAIM}: how the released volume is reclaimed
   * @param event      the event about the volume: with a reclaim (Failed, recycled) or a volume-mode mismatch
   * @param claimEvent the claim's half of a volume-mode mismatch
   * @param claimKey   the claim to sync next ({@link Action#SYNC_CLAIM}), {@code namespace/name}; its controller
   *                   worker is woken by this volume's change already
   */
  record Plan(Action action, String phase, Reclaim reclaim, ClaimPlan.Event event, ClaimPlan.Event claimEvent,
      String claimKey) {
    static Plan phase(String phase) {
      return new Plan(Action.PHASE, phase, null, null, null, null);
    }
  }

  enum Action { PHASE, RECLAIM, SYNC_CLAIM, UNBIND, MODE_MISMATCH }

  /** How a released volume goes: kept, deleted (by the controller or an external provisioner), or failed. */
  enum Reclaim { RETAIN, DELETE_OBJECT, EXTERNAL, RECYCLE, FAIL }

  /**
   * @param volume the volume
   * @param claim  the claim its claimRef names (namespace and name), or null when there is none
   */
  static Plan plan(JsonNode volume, JsonNode claim) {
    JsonNode ref = volume.path("spec").path("claimRef");
    if (!ref.isObject() || ref.path("uid").asText("").isEmpty()) {
      // unused, or reserved for a claim that has not bound yet: the claim's sync does the binding
      return Plan.phase("Available");
    }
    if (claim != null && !Meta.uid(claim).equals(ref.path("uid").asText())) {
      // the claim was deleted and another of the same name created
      claim = null;
    }
    if (claim == null) {
      return reclaim(volume);
    }
    String claimVolume = claim.path("spec").path("volumeName").asText("");
    if (claimVolume.isEmpty()) {
      if (Volumes.volumeModeMismatch(claim, volume)) {
        return new Plan(Action.MODE_MISMATCH, null, null,
            ClaimPlan.Event.warning("VolumeMismatch", "Cannot bind PersistentVolume to requested "
                + "PersistentVolumeClaim \"" + Meta.name(claim) + "\" due to incompatible volumeMode."),
            ClaimPlan.Event.warning("VolumeMismatch", "Cannot bind PersistentVolume \"" + Meta.name(volume)
                + "\" to requested PersistentVolumeClaim due to incompatible volumeMode."), null);
      }
      // bound (or provisioned) for the claim, which has not caught up yet: sync it now rather than at its resync
      return new Plan(Action.SYNC_CLAIM, null, null, null, null, Meta.namespace(claim) + "/" + Meta.name(claim));
    }
    if (claimVolume.equals(Meta.name(volume))) {
      return Plan.phase("Bound");
    }
    if (Volumes.hasAnnotation(volume, Volumes.PROVISIONED_BY)
        && volume.path("spec").path("persistentVolumeReclaimPolicy").asText("").equals("Delete")) {
      // provisioned for a claim that got bound elsewhere: not needed
      return reclaim(volume);
    }
    return new Plan(Action.UNBIND, null, null, null, null, null);
  }

  /** Released (unless Released or Failed already), then reclaimed by its policy. */
  private static Plan reclaim(JsonNode volume) {
    String policy = volume.path("spec").path("persistentVolumeReclaimPolicy").asText("Retain");
    return switch (policy) {
      case "Retain" -> new Plan(Action.RECLAIM, "Released", Reclaim.RETAIN, null, null, null);
      case "Recycle" -> recycle(volume);
      case "Delete" -> delete(volume);
      default -> new Plan(Action.RECLAIM, "Released", Reclaim.FAIL, ClaimPlan.Event.warning(
          "VolumeUnknownReclaimPolicy", "Volume has unrecognized PersistentVolumeReclaimPolicy"), null, null);
    };
  }

  /**
   * {@code deleteVolumeOperation}: a volume an external provisioner created is deleted by it; otherwise the in-tree
   * plugin for its source deletes it, and of those only hostPath has a deleter (for paths under /tmp).
   */
  private static Plan delete(JsonNode volume) {
    String provisionedBy = Volumes.annotation(volume, Volumes.PROVISIONED_BY);
    if (!provisionedBy.isEmpty() && !provisionedBy.startsWith("kubernetes.io/")) {
      return new Plan(Action.RECLAIM, "Released", Reclaim.EXTERNAL, null, null, null);
    }
    JsonNode hostPath = volume.path("spec").path("hostPath");
    if (hostPath.isObject()) {
      String path = hostPath.path("path").asText("");
      if (HOST_PATH_DELETABLE.matcher(path).find()) {
        return new Plan(Action.RECLAIM, "Released", Reclaim.DELETE_OBJECT, null, null, null);
      }
      return new Plan(Action.RECLAIM, "Released", Reclaim.FAIL, ClaimPlan.Event.warning("VolumeFailedDelete",
          "host_path deleter only supports /tmp/.+ but received provided " + path), null, null);
    }
    return new Plan(Action.RECLAIM, "Released", Reclaim.FAIL, ClaimPlan.Event.warning("VolumeFailedDelete",
        "error getting deleter volume plugin for volume \"" + Meta.name(volume) + "\": no deletable volume plugin "
            + "matched"), null, null);
  }

  /** {@code recycleVolumeOperation}: only hostPath and NFS volumes have a recycler (a scrubbing pod, simulated). */
  private static Plan recycle(JsonNode volume) {
    JsonNode spec = volume.path("spec");
    if (spec.path("hostPath").isObject() || spec.path("nfs").isObject()) {
      return new Plan(Action.RECLAIM, "Released", Reclaim.RECYCLE, ClaimPlan.Event.normal("VolumeRecycled",
          "Volume recycled"), null, null);
    }
    return new Plan(Action.RECLAIM, "Released", Reclaim.FAIL, ClaimPlan.Event.warning("VolumeFailedRecycle",
        "No recycler plugin found for the volume!"), null, null);
  }
}
