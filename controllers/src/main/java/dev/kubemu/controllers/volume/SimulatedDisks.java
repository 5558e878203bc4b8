package dev.kubemu.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the simulated-disk provisioner creates, pure. Its disks are node-local, like those of a local-path or LVM
 * provisioner (the default class of kind and of many bare-metal clusters): the volume is a directory on one node,
 * a hostPath PersistentVolume whose required node affinity names that node's {@code kubernetes.io/hostname}, so
 * every pod that mounts it is scheduled there. With WaitForFirstConsumer the node is the one the scheduler chose for
 * the first pod; with Immediate binding there is no pod yet and a node is picked among those the class's
 * {@code allowedTopologies} admit, as a zonal disk lands in some allowed zone.
 */
final class SimulatedDisks {
  static final String DISK_ROOT = "/var/lib/kubemu/simulated-disks/";
  static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

  private SimulatedDisks() {}

  /** The PV name external provisioners give a claim's volume. */
  static String volumeName(JsonNode claim) {
    return "pvc-" + Meta.uid(claim);
  }

  /**
   * The PersistentVolume for a claim: pre-bound to it, with the class's reclaim policy, mount options and name, the
   * claim's request as capacity, its access and volume modes, and the node as its only home.
   */
  static ObjectNode volume(JsonNode claim, JsonNode storageClass, String provisioner, String node) {
    ObjectNode pv = Json.object();
    pv.put("apiVersion", "v1");
    pv.put("kind", "PersistentVolume");
    ObjectNode meta = pv.putObject("metadata");
    meta.put("name", volumeName(claim));
    meta.putObject("annotations").put(Volumes.PROVISIONED_BY, provisioner);
    ObjectNode spec = pv.putObject("spec");
    spec.set("accessModes", claim.path("spec").path("accessModes").deepCopy());
    spec.putObject("capacity").set("storage", claim.path("spec").path("resources").path("requests")
        .path("storage").deepCopy());
    spec.set("claimRef", VolumeWrites.claimRef(claim));
    ObjectNode hostPath = spec.putObject("hostPath");
    hostPath.put("path", DISK_ROOT + volumeName(claim) + "_" + Meta.namespace(claim) + "_" + Meta.name(claim));
    hostPath.put("type", "DirectoryOrCreate");
    if (storageClass.path("mountOptions").isArray() && !storageClass.path("mountOptions").isEmpty()) {
      spec.set("mountOptions", storageClass.path("mountOptions").deepCopy());
    }
    ObjectNode expression = spec.putObject("nodeAffinity").putObject("required").putArray("nodeSelectorTerms")
        .addObject().putArray("matchExpressions").addObject();
    expression.put("key", HOSTNAME_LABEL);
    expression.put("operator", "In");
    expression.putArray("values").add(node);
    spec.put("persistentVolumeReclaimPolicy", storageClass.path("reclaimPolicy").asText("Delete"));
    spec.put("storageClassName", Meta.name(storageClass));
    spec.put("volumeMode", claim.path("spec").path("volumeMode").asText("Filesystem"));
    return pv;
  }

  /**
   * The node an Immediate claim's disk goes to: among the nodes (not being deleted) the class's topology admits,
   * sorted by name, the one the claim's uid picks, so the choice is spread and stable; null when none qualifies.
   */
  static String nodeFor(JsonNode claim, JsonNode storageClass, List<JsonNode> nodes) {
    var candidates = new ArrayList<JsonNode>();
    for (JsonNode node : nodes) {
      if (!Meta.deleting(node) && Volumes.topologyAdmits(storageClass, node)) {
        candidates.add(node);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    candidates.sort(Comparator.comparing(Meta::name));
    return Meta.name(candidates.get(Math.floorMod(Meta.uid(claim).hashCode(), candidates.size())));
  }
}
