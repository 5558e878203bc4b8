package dev.kubemu.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Quantity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Which PersistentVolume satisfies a claim, as kube's binder and scheduler decide it (storage helpers'
 * {@code FindMatchingVolume} and the PV controller's access-mode index). Pure.
 */
public final class VolumeMatching {
  /** Canonical access-mode order, used to name a mode set (kube's {@code GetAccessModesAsString}). */
  private static final List<String> MODE_ORDER = List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany",
      "ReadWriteOncePod");

  private VolumeMatching() {}

  /**
   * The PV controller's choice for a claim without {@code volumeName}: volumes are grouped by their access-mode sets,
   * and the sets that include every mode the claim asks for are searched fewest modes first; in each, the volume
   * pre-bound to the claim, else the smallest available one that matches. Null when none does.
   *
   * @param delayBinding the claim's class binds on first consumer: only volumes pre-bound to the claim qualify,
   *                     the scheduler picks the others with a node in mind
   */
  public static JsonNode bestMatch(JsonNode claim, Collection<JsonNode> volumes, boolean delayBinding) {
    Set<String> wanted = Volumes.accessModes(claim);
    var groups = new TreeMap<String, List<JsonNode>>(Comparator.comparingInt(VolumeMatching::modeCount)
        .thenComparing(Comparator.naturalOrder()));
    for (JsonNode volume : volumes) {
      Set<String> modes = Volumes.accessModes(volume);
      if (modes.containsAll(wanted)) {
        groups.computeIfAbsent(modeKey(modes), k -> new ArrayList<>()).add(volume);
      }
    }
    for (List<JsonNode> group : groups.values()) {
      JsonNode match = findMatching(claim, group, null, Set.of(), delayBinding);
      if (match != null) {
        return match;
      }
    }
    return null;
  }

  /**
   * kube's {@code FindMatchingVolume}. With a node (the scheduler's path, {@code nodeAccepts} non-null) the volume's
   * node affinity must accept the node and the access modes are checked here; without one (the controller's path)
   * the caller grouped volumes by access modes and, for a delayed-binding claim, only a pre-bound volume qualifies.
   *
   * @param nodeAccepts whether a volume's node affinity admits the node being considered; null without a node
   * @param excluded    names of volumes already chosen for other claims of the same pod
   */
  public static JsonNode findMatching(JsonNode claim, Collection<JsonNode> volumes, Predicate<JsonNode> nodeAccepts,
      Set<String> excluded, boolean delayBinding) {
    Quantity requested = Volumes.requested(claim);
    String requestedClass = Volumes.claimClass(claim);
    JsonNode selectorJson = claim.path("spec").get("selector");
    LabelSelector selector = selectorJson == null || selectorJson.isNull() ? null : LabelSelector.fromJson(selectorJson);
    var sorted = new ArrayList<>(volumes);
    sorted.sort(Comparator.comparing(Meta::name));
    JsonNode smallest = null;
    Quantity smallestSize = null;
    for (JsonNode volume : sorted) {
      if (excluded.contains(Meta.name(volume))) {
        continue;
      }
      boolean preBound = Volumes.boundToClaim(volume, claim);
      if (volume.path("spec").path("claimRef").isObject() && !preBound) {
        continue;
      }
      Quantity size = Volumes.capacity(volume);
      if (size.compareTo(requested) < 0 || Volumes.volumeModeMismatch(claim, volume) || Meta.deleting(volume)) {
        continue;
      }
      boolean nodeOk = nodeAccepts == null || nodeAccepts.test(volume);
      if (preBound) {
        // a volume pre-bound to the claim is its only answer: if the node cannot use it, nothing matches
        return nodeOk ? volume : null;
      }
      if (nodeAccepts == null && delayBinding) {
        continue;
      }
      if (!volume.path("status").path("phase").asText("").equals("Available")
          || (selector != null && !selector.matches(Meta.labels(volume)))
          || !Volumes.volumeClass(volume).equals(requestedClass) || !nodeOk) {
        continue;
      }
      if (nodeAccepts != null && !Volumes.accessModes(volume).containsAll(Volumes.accessModes(claim))) {
        continue;
      }
      if (smallest == null || smallestSize.compareTo(size) > 0) {
        smallest = volume;
        smallestSize = size;
      }
    }
    return smallest;
  }

  /**
   * Why a volume named by the claim's {@code volumeName} cannot be bound to it, in kube's words (the message of the
   * {@code VolumeMismatch} event follows {@code Cannot bind to requested volume "x": }), or null when it can.
   */
  public static String mismatch(JsonNode volume, JsonNode claim) {
    if (Meta.deleting(volume)) {
      return "the volume is marked for deletion \"" + Meta.name(volume) + "\"";
    }
    if (Volumes.capacity(volume).longValue() < Volumes.requested(claim).longValue()) {
      return "requested PV is too small";
    }
    if (!Volumes.volumeClass(volume).equals(Volumes.claimClass(claim))) {
      return "storageClassName does not match";
    }
    if (Volumes.volumeModeMismatch(claim, volume)) {
      return "incompatible volumeMode";
    }
    if (!Volumes.accessModes(volume).containsAll(Volumes.accessModes(claim))) {
      return "incompatible accessMode";
    }
    return null;
  }

  private static String modeKey(Set<String> modes) {
    var ordered = new ArrayList<String>();
    for (String m : MODE_ORDER) {
      if (modes.contains(m)) {
        ordered.add(m);
      }
    }
    for (String m : modes) {
      if (!MODE_ORDER.contains(m)) {
        ordered.add(m);
      }
    }
    return String.join(",", ordered);
  }

  private static int modeCount(String key) {
    return key.isEmpty() ? 0 : key.split(",").length;
  }
}
