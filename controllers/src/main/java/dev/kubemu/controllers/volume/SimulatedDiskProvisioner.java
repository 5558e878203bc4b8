package dev.kubemu.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControllerSpec;
import dev.kubemu.core.control.EventRecorder;
import dev.kubemu.core.control.ObjectKey;
import dev.kubemu.core.control.Result;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulator's own external provisioner, {@value #NAME}, behaving as one built on sig-storage's provisioner
 * library: it provisions claims the PV controller annotated for it (for WaitForFirstConsumer classes only once the
 * scheduler has selected a node), creating {@code pvc-<claim uid>} pre-bound to the claim (see {@link SimulatedDisks}
 * for its shape), and deletes the volumes it made once they are Released under the Delete policy. Its events come
 * from {@code <provisioner>_<host>_<uuid>}, as the library names its recorder.
 */
public final class SimulatedDiskProvisioner {
  public static final String NAME = "kubemu.dev/simulated-disk";
  /** The host part of the event source: the provisioner's "pod". */
  static final String HOST = "simulated-disk-provisioner";
  static final Duration RETRY = Duration.ofSeconds(10);

  private final ResourceOperations operations;
  private final ResourceType claims;
  private final ResourceType volumes;
  private final ResourceType classes;
  private final ResourceType nodes;
  private final EventRecorder events;
  private final RequestContext request = RequestContext.internal(HOST);

  public SimulatedDiskProvisioner(ResourceOperations operations) {
    this.operations = operations;
    this.claims = operations.registry().find("", "v1", "persistentvolumeclaims").orElseThrow();
    this.volumes = operations.registry().find("", "v1", "persistentvolumes").orElseThrow();
    this.classes = operations.registry().find("storage.k8s.io", "v1", "storageclasses").orElseThrow();
    this.nodes = operations.registry().find("", "v1", "nodes").orElseThrow();
    this.events = new EventRecorder(operations, NAME + "_" + HOST + "_" + operations.randomUuid(), null);
  }

  public ControllerSpec claimSpec() {
    return ControllerSpec.builder("simulated-disk-provisioner-claims", claims).reconciler(this::provision).build();
  }

  public ControllerSpec volumeSpec() {
    return ControllerSpec.builder("simulated-disk-provisioner-volumes", volumes).reconciler(this::deleteReleased)
        .build();
  }

  Result provision(ObjectKey key) {
    StoredObject stored = operations.store().get(claims.storageResource(), key.namespace(), key.name());
    if (stored == null) {
      return Result.done();
    }
    JsonNode claim = operations.storageTree(stored);
    JsonNode storageClass = storageClass(Volumes.claimClass(claim));
    if (!shouldProvision(claim, storageClass)) {
      return Result.done();
    }
    String volumeName = SimulatedDisks.volumeName(claim);
    if (operations.store().get(volumes.storageResource(), "", volumeName) != null) {
      return Result.done();
    }
    String node = Volumes.annotation(claim, Volumes.SELECTED_NODE);
    if (!node.isEmpty()) {
      if (operations.store().get(nodes.storageResource(), "", node) == null) {
        // the library's rescheduling: drop the selection so the scheduler picks another node
        events.warning(claim, "ProvisioningFailed", "nodes \"" + node + "\" not found");
        ObjectNode next = (ObjectNode) claim.deepCopy();
        VolumeWrites.removeAnnotation(next, Volumes.SELECTED_NODE);
        operations.updateStored(claims, stored, next, request, Target.MAIN);
        return Result.done();
      }
    } else {
      node = SimulatedDisks.nodeFor(claim, storageClass, allNodes());
    }
    events.normal(claim, "Provisioning", "External provisioner is provisioning volume for claim \""
        + key.namespace() + "/" + key.name() + "\"");
    if (node == null) {
      events.warning(claim, "ProvisioningFailed", "failed to provision volume with StorageClass \""
          + Meta.name(storageClass) + "\": error generating accessibility requirements: no available topology found");
      return Result.requeueAfter(RETRY);
    }
    try {
      operations.create(volumes, "v1", "", SimulatedDisks.volume(claim, storageClass, NAME, node), request);
    } catch (ApiException e) {
      if (e.code() == 409) {
        return Result.done();
      }
      events.warning(claim, "ProvisioningFailed", "failed to provision volume with StorageClass \""
          + Meta.name(storageClass) + "\": " + e.getMessage());
      return Result.requeueAfter(RETRY);
    }
    events.normal(claim, "ProvisioningSucceeded", "Successfully provisioned volume " + volumeName);
    return Result.done();
  }

  /**
   * The library's {@code shouldProvision}: the claim names no volume, the PV controller asked this provisioner
   * (annotation), its class is this provisioner's, and a claim of a WaitForFirstConsumer class has a selected node.
   */
  static boolean shouldProvision(JsonNode claim, JsonNode storageClass) {
    if (Meta.deleting(claim) || !claim.path("spec").path("volumeName").asText("").isEmpty()
        || storageClass == null || !storageClass.path("provisioner").asText("").equals(NAME)) {
      return false;
    }
    String asked = Volumes.hasAnnotation(claim, Volumes.STORAGE_PROVISIONER)
        ? Volumes.annotation(claim, Volumes.STORAGE_PROVISIONER)
        : Volumes.annotation(claim, Volumes.BETA_STORAGE_PROVISIONER);
    if (!asked.equals(NAME)) {
      return false;
    }
    return !Volumes.delaysBinding(storageClass) || !Volumes.annotation(claim, Volumes.SELECTED_NODE).isEmpty();
  }

  /** Deletes a volume this provisioner made once its claim is gone and its policy says Delete. */
  Result deleteReleased(ObjectKey key) {
    StoredObject stored = operations.store().get(volumes.storageResource(), "", key.name());
    if (stored == null) {
      return Result.done();
    }
    JsonNode pv = operations.storageTree(stored);
    if (Meta.deleting(pv) || !Volumes.annotation(pv, Volumes.PROVISIONED_BY).equals(NAME)
        || !pv.path("status").path("phase").asText("").equals("Released")
        || !pv.path("spec").path("persistentVolumeReclaimPolicy").asText("").equals("Delete")) {
      return Result.done();
    }
    operations.deleteIfPresent(volumes, "", key.name(), DeleteOptions.defaults(), request);
    return Result.done();
  }

  private JsonNode storageClass(String name) {
    if (name.isEmpty()) {
      return null;
    }
    StoredObject stored = operations.store().get(classes.storageResource(), "", name);
    return stored == null ? null : operations.storageTree(stored);
  }

  private List<JsonNode> allNodes() {
    var all = new ArrayList<JsonNode>();
    for (StoredObject o : operations.list(nodes, "", ListOptions.everything()).items()) {
      all.add(operations.storageTree(o));
    }
    return all;
  }
}
