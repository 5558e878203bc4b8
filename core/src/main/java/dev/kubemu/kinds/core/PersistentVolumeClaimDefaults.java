package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of claims and claim templates ({@code SetDefaults_PersistentVolumeClaimSpec}). */
public final class PersistentVolumeClaimDefaults {
  private PersistentVolumeClaimDefaults() {}

  /** A claim spec: the Filesystem volume mode, and the resources struct Go always writes. */
  public static void spec(ObjectNode spec) {
    if (!spec.hasNonNull("volumeMode")) {
      spec.put("volumeMode", "Filesystem");
    }
    if (!spec.hasNonNull("resources")) {
      spec.putObject("resources");
    }
  }

  /**
   * A StatefulSet's claim template, a whole PersistentVolumeClaim: its spec's defaults, the Pending phase that claim
   * defaulting gives, the type meta and null creationTimestamp its embedded encoding writes.
   */
  public static void claimTemplate(ObjectNode claim) {
    if (!claim.has("apiVersion")) {
      claim.put("apiVersion", "v1");
    }
    if (!claim.has("kind")) {
      claim.put("kind", "PersistentVolumeClaim");
    }
    ObjectNode meta = claim.get("metadata") instanceof ObjectNode m ? m : claim.putObject("metadata");
    if (!meta.has("creationTimestamp")) {
      meta.putNull("creationTimestamp");
    }
    spec(claim.get("spec") instanceof ObjectNode s ? s : claim.putObject("spec"));
    ObjectNode status = claim.get("status") instanceof ObjectNode st ? st : claim.putObject("status");
    if (!status.hasNonNull("phase")) {
      status.put("phase", "Pending");
    }
  }

  /** An ephemeral volume's claim template (metadata and spec, no status). */
  public static void claimTemplateSpec(ObjectNode template) {
    ObjectNode meta = template.get("metadata") instanceof ObjectNode m ? m : template.putObject("metadata");
    if (!meta.has("creationTimestamp")) {
      meta.putNull("creationTimestamp");
    }
    if (template.get("spec") instanceof ObjectNode spec) {
      spec(spec);
    }
  }
}
