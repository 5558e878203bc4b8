package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.kinds.core.validation.PersistentVolumeValidation;
import java.util.List;

/**
 * PersistentVolumes: created {@code Pending} with the default reclaim policy ({@code Retain}) and volume mode, and, as
 * kube-apiserver does since PersistentVolumeLastPhaseTransitionTime (beta 1.29, GA 1.31), with
 * {@code status.lastPhaseTransitionTime} set on create and whenever a status update changes the phase without
 * giving a newer time.
 */
public final class PersistentVolumeStrategy implements ResourceStrategy {
  private static final String TRANSITION = "lastPhaseTransitionTime";

  @Override
  public void prepareForCreate(ObjectNode pv, WriteContext ctx) {
    ObjectNode status = pv.putObject("status");
    status.put("phase", "Pending");
    status.put(TRANSITION, Timestamps.format(ctx.now()));
  }

  @Override
  public void prepareForStatusUpdate(ObjectNode pv, JsonNode old, WriteContext ctx) {
    ObjectNode status = pv.get("status") instanceof ObjectNode s ? s : pv.putObject("status");
    JsonNode oldStatus = old.path("status");
    JsonNode given = status.get(TRANSITION);
    boolean givenNone = given == null || given.isNull();
    boolean samePhase = status.path("phase").asText("").equals(oldStatus.path("phase").asText(""));
    if (samePhase && givenNone) {
      if (oldStatus.hasNonNull(TRANSITION)) {
        status.set(TRANSITION, oldStatus.get(TRANSITION));
      }
    } else if (!samePhase && (givenNone || given.equals(oldStatus.get(TRANSITION)))) {
      status.put(TRANSITION, Timestamps.format(ctx.now()));
    }
  }

  @Override
  public void applyDefaults(ObjectNode pv, WriteContext ctx) {
    if (pv.path("spec") instanceof ObjectNode spec) {
      if (!spec.hasNonNull("persistentVolumeReclaimPolicy")) {
        spec.put("persistentVolumeReclaimPolicy", "Retain");
      }
      if (!spec.hasNonNull("volumeMode")) {
        spec.put("volumeMode", "Filesystem");
      }
      if (spec.get("hostPath") instanceof ObjectNode hostPath && !hostPath.has("type")) {
        hostPath.put("type", "");
      }
    }
  }

  @Override
  public List<FieldError> validate(JsonNode pv, WriteContext ctx) {
    return PersistentVolumeValidation.volume(pv);
  }

  @Override
  public List<FieldError> validateUpdate(JsonNode pv, JsonNode old, WriteContext ctx) {
    return PersistentVolumeValidation.volumeUpdate(pv, old);
  }
}
