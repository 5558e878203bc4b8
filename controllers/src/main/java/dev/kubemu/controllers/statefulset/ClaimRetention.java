package dev.kubemu.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;

/**
 * {@code persistentVolumeClaimRetentionPolicy} as owner references on a member's claims (kube's
 * updateClaimOwnerRefForSetAndPod): {@code whenDeleted: Delete} makes the set the claim's controller, so the garbage
 * collector removes the claim with the set; {@code whenScaled: Delete} makes a scaled-away pod its controller, so
 * the claim goes with the pod. Retain/Retain leaves claims unowned.
 */
final class ClaimRetention {
  private ClaimRetention() {}

  /**
   * The owner references the claim should have, or null when it already has them. Only references to the set and
   * the pod are touched; a claim another object controls is left to it.
   */
  static ArrayNode ownersFor(JsonNode claim, JsonNode set, JsonNode pod, boolean scaledDown) {
    JsonNode refs = claim.path("metadata").path("ownerReferences");
    String setUid = Meta.uid(set);
    String podUid = Meta.uid(pod);
    ArrayNode desired = Json.array();
    boolean otherController = false;
    for (JsonNode ref : refs) {
      String uid = ref.path("uid").asText();
      if (!uid.equals(setUid) && !uid.equals(podUid)) {
        desired.add(ref.deepCopy());
        otherController |= ref.path("controller").asBoolean(false);
      }
    }
    if (!otherController) {
      JsonNode policy = set.path("spec").path("persistentVolumeClaimRetentionPolicy");
      boolean deleteWithSet = policy.path("whenDeleted").asText("Retain").equals("Delete");
      boolean deleteWhenScaled = policy.path("whenScaled").asText("Retain").equals("Delete");
      if (deleteWhenScaled && scaledDown) {
        desired.add(controllerRef(pod, "v1", "Pod"));
      } else if (deleteWithSet) {
        desired.add(controllerRef(set, "apps/v1", "StatefulSet"));
      }
    }
    return sameRefs(refs, desired) ? null : desired;
  }

  private static boolean sameRefs(JsonNode refs, ArrayNode desired) {
    return refs.isMissingNode() ? desired.isEmpty() : refs.equals(desired);
  }

  static ObjectNode controllerRef(JsonNode owner, String apiVersion, String kind) {
    ObjectNode ref = Json.object();
    ref.put("apiVersion", apiVersion);
    ref.put("kind", kind);
    ref.put("name", Meta.name(owner));
    ref.put("uid", Meta.uid(owner));
    ref.put("controller", true);
    ref.put("blockOwnerDeletion", true);
    return ref;
  }
}
