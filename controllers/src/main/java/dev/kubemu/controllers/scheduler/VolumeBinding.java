package dev.kubemu.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.controllers.volume.VolumeMatching;
import dev.kubemu.controllers.volume.Volumes;
import dev.kubemu.core.object.Meta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * kube-scheduler's VolumeBinding plugin, pure over a {@link VolumeLookup}: PreFilter sorts a pod's claims into bound
 * and waiting-for-first-consumer ones (rejecting the pod when a claim is missing, being deleted, lost, or unbound in
 * an Immediate class); Filter checks a node against bound volumes' node affinity and finds, for the waiting claims,
 * a static volume usable from the node or a class that can provision there; {@link #check} follows the binding the
 * scheduler started (its PreBind wait) until the PV controller finishes it. Reasons are upstream's (1.33 wording).
 */
final class VolumeBinding {
  static final String BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
  /** {@code node(s) had volume node affinity conflict} until 1.32 (kubernetes PR 129887). */
  static final String NODE_CONFLICT = "node(s) didn't match PersistentVolume's node affinity";
  static final String PV_NOT_EXIST = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";
  static final String UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";

  private VolumeBinding() {}

  /** A pod's claims after PreFilter: fully bound ones, and unbound ones of WaitForFirstConsumer classes. */
  record PodClaims(List<JsonNode> bound, List<JsonNode> delayed) {
    static final PodClaims NONE = new PodClaims(List.of(), List.of());

    boolean any() {
      return !bound.isEmpty() || !delayed.isEmpty();
    }
  }

  /** PreFilter's outcome: the claims, or the message that makes the pod unschedulable and unresolvable. */
  record PreFilter(PodClaims claims, String failure) {}

  /** A static volume the scheduler binds to a claim. */
  record Binding(JsonNode volume, JsonNode claim) {}

  /** What a node needs done before the pod can bind there: volumes to pre-bind, claims to provision. */
  record NodeVolumes(List<Binding> staticBindings, List<JsonNode> provisions) {
    boolean allBound() {
      return staticBindings.isEmpty() && provisions.isEmpty();
    }
  }

  /** Filter's outcome on one node: the reasons it does not fit (empty when it does) and what it would take. */
  record NodeResult(List<String> reasons, NodeVolumes volumes) {}

  static PreFilter preFilter(JsonNode pod, VolumeLookup lookup) {
    List<String> names = Volumes.claimNames(pod);
    if (names.isEmpty()) {
      return new PreFilter(PodClaims.NONE, null);
    }
    String namespace = Meta.namespace(pod);
    var claims = new ArrayList<JsonNode>();
    for (String name : names) {
      JsonNode claim = lookup.claim(namespace, name);
      if (claim == null) {
        return new PreFilter(null, "persistentvolumeclaim \"" + name + "\" not found");
      }
      if (claim.path("status").path("phase").asText("").equals("Lost")) {
        return new PreFilter(null, "persistentvolumeclaim \"" + name + "\" bound to non-existent persistentvolume \""
            + claim.path("spec").path("volumeName").asText("") + "\"");
      }
      if (Meta.deleting(claim)) {
        return new PreFilter(null, "persistentvolumeclaim \"" + name + "\" is being deleted");
      }
      claims.add(claim);
    }
    var bound = new ArrayList<JsonNode>();
    var delayed = new ArrayList<JsonNode>();
    boolean immediateUnbound = false;
    for (JsonNode claim : claims) {
      if (fullyBound(claim)) {
        bound.add(claim);
        continue;
      }
      String className = Volumes.claimClass(claim);
      boolean delay = !className.isEmpty() && Volumes.delaysBinding(lookup.storageClass(className));
      if (delay && claim.path("spec").path("volumeName").asText("").isEmpty()) {
        delayed.add(claim);
      } else {
        immediateUnbound = true;
      }
    }
    if (immediateUnbound) {
      return new PreFilter(null, UNBOUND_IMMEDIATE);
    }
    return new PreFilter(new PodClaims(bound, delayed), null);
  }

  /** kube's {@code FindPodVolumes} for one node. */
  static NodeResult filter(PodClaims claims, JsonNode node, VolumeLookup lookup) {
    var reasons = new ArrayList<String>();
    for (JsonNode claim : claims.bound()) {
      JsonNode volume = lookup.volume(claim.path("spec").path("volumeName").asText(""));
      if (volume == null) {
        reasons.add(PV_NOT_EXIST);
        break;
      }
      if (!NodeAffinity.volumeAllows(volume, node)) {
        reasons.add(NODE_CONFLICT);
        break;
      }
    }
    if (!reasons.isEmpty()) {
      return new NodeResult(reasons, null);
    }
    var bindings = new ArrayList<Binding>();
    var provisions = new ArrayList<JsonNode>();
    var toMatch = new ArrayList<JsonNode>();
    String nodeName = Meta.name(node);
    for (JsonNode claim : claims.delayed()) {
      String selected = Volumes.annotation(claim, Volumes.SELECTED_NODE);
      if (Volumes.hasAnnotation(claim, Volumes.SELECTED_NODE)) {
        if (!selected.equals(nodeName)) {
          return new NodeResult(List.of(BIND_CONFLICT), null);
        }
        provisions.add(claim);
      } else {
        toMatch.add(claim);
      }
    }
    // the smallest requests pick first, so they take the smallest volumes
    toMatch.sort(Comparator.comparing(Volumes::requested));
    Set<String> chosen = new HashSet<>();
    boolean matched = true;
    for (JsonNode claim : toMatch) {
      JsonNode volume = VolumeMatching.findMatching(claim, lookup.volumesOfClass(Volumes.claimClass(claim)),
          pv -> NodeAffinity.volumeAllows(pv, node), chosen, true);
      if (volume == null) {
        matched = false;
        provisions.add(claim);
      } else {
        chosen.add(Meta.name(volume));
        bindings.add(new Binding(volume, claim));
      }
    }
    if (!provisions.isEmpty()) {
      matched = canProvision(provisions, node, lookup);
    }
    if (!matched) {
      return new NodeResult(List.of(BIND_CONFLICT), null);
    }
    return new NodeResult(List.of(), new NodeVolumes(bindings, provisions));
  }

  /** kube's {@code checkVolumeProvisions}: every claim's class has a provisioner that may provision on the node. */
  private static boolean canProvision(List<JsonNode> claims, JsonNode node, VolumeLookup lookup) {
    for (JsonNode claim : claims) {
      JsonNode storageClass = lookup.storageClass(Volumes.claimClass(claim));
      if (storageClass == null) {
        return false;
      }
      String provisioner = storageClass.path("provisioner").asText("");
      if (provisioner.isEmpty() || provisioner.equals(Volumes.NO_PROVISIONER)
          || !Volumes.topologyAdmits(storageClass, node)) {
        return false;
      }
    }
    return true;
  }

  /** Bound for the scheduler's purposes: the claim names its volume and the PV controller finished binding. */
  static boolean fullyBound(JsonNode claim) {
    return !claim.path("spec").path("volumeName").asText("").isEmpty()
        && Volumes.hasAnnotation(claim, Volumes.BIND_COMPLETED);
  }

  /** Where a started binding stands: done, still waiting, or failed (with the error). */
  record Check(boolean bound, String error) {
    static final Check BOUND = new Check(true, null);
    static final Check WAITING = new Check(false, null);
  }

  /**
   * kube's {@code checkBindings}, reading current objects: done when every claim is fully bound; failed when a
   * pre-bound volume lost its claimRef, a provisioned claim lost its selected node (the provisioner gave up) or a
   * volume cannot be used from the node.
   */
  static Check check(NodeVolumes volumes, JsonNode node, String namespace, VolumeLookup lookup) {
    for (Binding binding : volumes.staticBindings()) {
      String pvName = Meta.name(binding.volume());
      JsonNode pv = lookup.volume(pvName);
      if (pv == null) {
        return new Check(false, "failed to check binding: could not find v1.PersistentVolume \"" + pvName + "\"");
      }
      JsonNode claim = lookup.claim(namespace, Meta.name(binding.claim()));
      if (claim == null) {
        return new Check(false, "failed to check binding: could not find v1.PersistentVolumeClaim \"" + namespace
            + "/" + Meta.name(binding.claim()) + "\"");
      }
      if (!NodeAffinity.volumeAllows(pv, node)) {
        return new Check(false, affinityError(pvName, node));
      }
      if (!pv.path("spec").path("claimRef").isObject()
          || pv.path("spec").path("claimRef").path("uid").asText("").isEmpty()) {
        return new Check(false, "ClaimRef got reset for pv \"" + pvName + "\"");
      }
      if (!fullyBound(claim)) {
        return Check.WAITING;
      }
    }
    for (JsonNode provisioned : volumes.provisions()) {
      JsonNode claim = lookup.claim(namespace, Meta.name(provisioned));
      if (claim == null) {
        return new Check(false, "failed to check provisioning pvc: could not find v1.PersistentVolumeClaim \""
            + namespace + "/" + Meta.name(provisioned) + "\"");
      }
      if (!Volumes.annotation(claim, Volumes.SELECTED_NODE).equals(Meta.name(node))) {
        return new Check(false, "provisioning failed for PVC \"" + Meta.name(claim) + "\"");
      }
      String volumeName = claim.path("spec").path("volumeName").asText("");
      if (!volumeName.isEmpty()) {
        JsonNode pv = lookup.volume(volumeName);
        if (pv == null) {
          return Check.WAITING;
        }
        if (!NodeAffinity.volumeAllows(pv, node)) {
          return new Check(false, affinityError(volumeName, node));
        }
      }
      if (!fullyBound(claim)) {
        return Check.WAITING;
      }
    }
    return Check.BOUND;
  }

  private static String affinityError(String pvName, JsonNode node) {
    return "pv \"" + pvName + "\" node affinity doesn't match node \"" + Meta.name(node)
        + "\": no matching NodeSelectorTerms";
  }
}
