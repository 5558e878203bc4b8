package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.object.FieldSelector;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PV controller, the simulated-disk provisioner and the protection controllers, through the emulator. */
class PersistentVolumeTest {
  private final VirtualClock clock = new VirtualClock(Instant.parse("2029-12-31T23:59:50Z"));
  private final RequestContext user = RequestContext.forUser();
  private Emulator kube;
  private ResourceType claims;
  private ResourceType volumes;
  private ResourceType classes;
  private ResourceType pods;

  @BeforeEach
  void start() {
    kube = Emulator.builder().http(false).systemAddons(false).clock(clock).start();
    claims = kube.registry().find("", "v1", "persistentvolumeclaims").orElseThrow();
    volumes = kube.registry().find("", "v1", "persistentvolumes").orElseThrow();
    classes = kube.registry().find("storage.k8s.io", "v1", "storageclasses").orElseThrow();
    pods = kube.registry().find("", "v1", "pods").orElseThrow();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private static ObjectNode parse(String json) {
    return (ObjectNode) Json.parseTrusted(json.getBytes());
  }

  private void createClaim(String name, String size, String specExtra) {
    kube.operations().create(claims, "v1", "default", parse("{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\","
        + "\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + specExtra + "\"accessModes\":[\"ReadWriteOnce\"],"
        + "\"resources\":{\"requests\":{\"storage\":\"" + size + "\"}}}}"), user);
  }

  private void createVolume(String name, String size, String specExtra) {
    kube.operations().create(volumes, "v1", "", parse("{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolume\","
        + "\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + specExtra + "\"capacity\":{\"storage\":\"" + size
        + "\"},\"accessModes\":[\"ReadWriteOnce\"],\"hostPath\":{\"path\":\"/data/" + name + "\"}}}"), user);
  }

  private void createClass(String name, String mode, String reclaim) {
    kube.operations().create(classes, "v1", "", parse("{\"apiVersion\":\"storage.k8s.io/v1\",\"kind\":"
        + "\"StorageClass\",\"metadata\":{\"name\":\"" + name + "\"},\"provisioner\":\"kubemu.dev/simulated-disk\","
        + "\"volumeBindingMode\":\"" + mode + "\",\"reclaimPolicy\":\"" + reclaim + "\"}"), user);
  }

  private void createPod(String name, String claim, String node) {
    kube.operations().create(pods, "v1", "default", parse("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
        + "{\"name\":\"" + name + "\"},\"spec\":{" + (node == null ? "" : "\"nodeName\":\"" + node + "\",")
        + "\"containers\":[{\"name\":\"c\",\"image\":\"nginx\",\"volumeMounts\":[{\"name\":\"data\",\"mountPath\":"
        + "\"/data\"}]}],\"volumes\":[{\"name\":\"data\",\"persistentVolumeClaim\":{\"claimName\":\"" + claim
        + "\"}}]}}"), user);
  }

  private JsonNode claim(String name) {
    StoredObject stored = kube.store().get(claims.storageResource(), "default", name);
    return stored == null ? null : kube.operations().storageTree(stored);
  }

  private JsonNode volume(String name) {
    StoredObject stored = kube.store().get(volumes.storageResource(), "", name);
    return stored == null ? null : kube.operations().storageTree(stored);
  }

  private void delete(ResourceType type, String namespace, String name) {
    kube.operations().delete(type, "v1", namespace, name, DeleteOptions.defaults(), user);
  }

  private List<String> events(String involved) {
    var events = kube.operations().list(kube.registry().find("", "v1", "events").orElseThrow(), "default",
        new ListOptions(LabelSelector.everything(), FieldSelector.parse("involvedObject.name=" + involved), 0, null,
            ""));
    return events.items().stream().map(kube.operations()::storageTree)
        .map(e -> e.path("type").asText() + " " + e.path("reason").asText() + " " + e.path("message").asText())
        .toList();
  }

  private static String phase(JsonNode object) {
    return object.path("status").path("phase").asText();
  }

  @Test
  void theSmallestMatchingVolumeIsBoundStatically() {
    createVolume("big", "10Gi", "");
    createVolume("small", "2Gi", "");
    createVolume("too-small", "1Gi", "");
    createVolume("wrong-class", "2Gi", "\"storageClassName\":\"other\",");
    kube.awaitIdle();
    assertThat(phase(volume("small"))).isEqualTo("Available");
    assertThat(volume("small").path("status").path("lastPhaseTransitionTime").asText())
        .isEqualTo("2029-12-31T23:59:50Z");
    clock.advance(Duration.ofSeconds(20));

    createClaim("data", "1500Mi", "\"storageClassName\":\"\",");
    kube.awaitIdle();
    JsonNode claim = claim("data");
    assertThat(phase(claim)).isEqualTo("Bound");
    assertThat(claim.path("spec").path("volumeName").asText()).isEqualTo("small");
    assertThat(claim.path("status").path("capacity").path("storage").asText()).isEqualTo("2Gi");
    assertThat(claim.path("status").path("accessModes").toString()).isEqualTo("[\"ReadWriteOnce\"]");
    assertThat(claim.path("metadata").path("annotations").toString()).isEqualTo("{\"pv.kubernetes.io/bind-completed\":"
        + "\"yes\",\"pv.kubernetes.io/bound-by-controller\":\"yes\"}");
    JsonNode pv = volume("small");
    assertThat(phase(pv)).isEqualTo("Bound");
    assertThat(pv.path("status").path("lastPhaseTransitionTime").asText()).isEqualTo("2030-01-01T00:00:10Z");
    assertThat(pv.path("spec").path("claimRef").path("uid").asText()).isEqualTo(claim.path("metadata").path("uid")
        .asText());
    assertThat(pv.path("spec").path("claimRef").path("kind").asText()).isEqualTo("PersistentVolumeClaim");
    assertThat(pv.path("metadata").path("annotations").path("pv.kubernetes.io/bound-by-controller").asText())
        .isEqualTo("yes");
    assertThat(phase(volume("big"))).isEqualTo("Available");
  }

  @Test
  void aClaimWithoutClassAndNoMatchReportsFailedBindingAndBindsOnceAVolumeAppears() {
    createClaim("data", "1Gi", "\"storageClassName\":\"\",");
    kube.awaitIdle();
    assertThat(phase(claim("data"))).isEqualTo("Pending");
    assertThat(events("data")).containsExactly("Normal FailedBinding no persistent volumes available for this claim "
        + "and no storage class is set");
    createVolume("pv1", "1Gi", "");
    kube.awaitIdle();
    assertThat(phase(claim("data"))).as("found at the next resync").isEqualTo("Pending");
    clock.advance(Duration.ofSeconds(15));
    kube.awaitIdle();
    assertThat(phase(claim("data"))).isEqualTo("Bound");
    assertThat(phase(volume("pv1"))).isEqualTo("Bound");
  }

  @Test
  void aClaimNamingAVolumeThatDoesNotFitGetsVolumeMismatch() {
    createVolume("pv1", "1Gi", "");
    createClaim("data", "5Gi", "\"storageClassName\":\"\",\"volumeName\":\"pv1\",");
    kube.awaitIdle();
    assertThat(phase(claim("data"))).isEqualTo("Pending");
    assertThat(events("data")).containsExactly(
        "Warning VolumeMismatch Cannot bind to requested volume \"pv1\": requested PV is too small");
    assertThat(phase(volume("pv1"))).isEqualTo("Available");
  }

  @Test
  void aClaimOfAMissingClassReportsIt() {
    createClaim("data", "1Gi", "\"storageClassName\":\"fast\",");
    kube.awaitIdle();
    assertThat(events("data")).containsExactly(
        "Warning ProvisioningFailed storageclass.storage.k8s.io \"fast\" not found");
  }

  @Test
  void anImmediateClassProvisionsAtOnceOnANode() {
    createClass("immediate", "Immediate", "Delete");
    createClaim("data", "3Gi", "\"storageClassName\":\"immediate\",");
    kube.awaitIdle();
    JsonNode claim = claim("data");
    String pvName = "pvc-" + claim.path("metadata").path("uid").asText();
    assertThat(phase(claim)).isEqualTo("Bound");
    assertThat(claim.path("spec").path("volumeName").asText()).isEqualTo(pvName);
    assertThat(claim.path("metadata").path("annotations").path("volume.kubernetes.io/storage-provisioner").asText())
        .isEqualTo("kubemu.dev/simulated-disk");
    assertThat(claim.path("metadata").path("annotations").path("volume.beta.kubernetes.io/storage-provisioner")
        .asText()).isEqualTo("kubemu.dev/simulated-disk");
    JsonNode pv = volume(pvName);
    assertThat(phase(pv)).isEqualTo("Bound");
    assertThat(pv.path("metadata").path("annotations").toString())
        .as("the provisioner set the claimRef, so not bound-by-controller")
        .isEqualTo("{\"pv.kubernetes.io/provisioned-by\":\"kubemu.dev/simulated-disk\"}");
    assertThat(pv.path("metadata").path("finalizers").toString()).isEqualTo("[\"kubernetes.io/pv-protection\"]");
    assertThat(pv.path("spec").path("capacity").path("storage").asText()).isEqualTo("3Gi");
    assertThat(pv.path("spec").path("persistentVolumeReclaimPolicy").asText()).isEqualTo("Delete");
    assertThat(pv.path("spec").path("storageClassName").asText()).isEqualTo("immediate");
    assertThat(pv.path("spec").path("nodeAffinity").path("required").path("nodeSelectorTerms").get(0)
        .path("matchExpressions").get(0).path("values").get(0).asText()).startsWith("node-");
    assertThat(events("data")).extracting(e -> e.split(" ")[1]).containsExactly("ExternalProvisioning",
        "Provisioning", "ProvisioningSucceeded");
    assertThat(events("data")).contains("Normal ProvisioningSucceeded Successfully provisioned volume " + pvName,
        "Normal Provisioning External provisioner is provisioning volume for claim \"default/data\"");
  }

  @Test
  void deletingAClaimDeletesItsVolumeUnderDeleteAndReleasesItUnderRetain() {
    createClass("keep", "Immediate", "Retain");
    createClass("drop", "Immediate", "Delete");
    createClaim("kept", "1Gi", "\"storageClassName\":\"keep\",");
    createClaim("dropped", "1Gi", "\"storageClassName\":\"drop\",");
    kube.awaitIdle();
    String keptPv = claim("kept").path("spec").path("volumeName").asText();
    String droppedPv = claim("dropped").path("spec").path("volumeName").asText();
    assertThat(phase(volume(keptPv))).isEqualTo("Bound");

    delete(claims, "default", "kept");
    delete(claims, "default", "dropped");
    kube.awaitIdle();
    assertThat(claim("kept")).isNull();
    assertThat(claim("dropped")).isNull();
    assertThat(volume(droppedPv)).isNull();
    JsonNode released = volume(keptPv);
    assertThat(phase(released)).isEqualTo("Released");
    assertThat(released.path("spec").path("claimRef").path("name").asText()).isEqualTo("kept");
  }

  @Test
  void aClaimStaysWhileAScheduledPodUsesIt() {
    createVolume("pv1", "1Gi", "");
    kube.awaitIdle();
    createClaim("data", "1Gi", "\"storageClassName\":\"\",");
    createPod("user", "data", "node-1");
    kube.awaitIdle();
    delete(claims, "default", "data");
    kube.awaitIdle();
    JsonNode terminating = claim("data");
    assertThat(terminating).isNotNull();
    assertThat(terminating.path("metadata").has("deletionTimestamp")).isTrue();
    assertThat(phase(volume("pv1"))).isEqualTo("Bound");

    kube.operations().delete(pods, "v1", "default", "user", new DeleteOptions(0L, null, null, null, false), user);
    kube.awaitIdle();
    assertThat(claim("data")).isNull();
    JsonNode pv = volume("pv1");
    assertThat(phase(pv)).as("Retain, the default of volumes made by hand").isEqualTo("Released");
  }

  @Test
  void aBoundClaimWhoseVolumeVanishesIsLost() {
    createVolume("pv1", "1Gi", "");
    kube.awaitIdle();
    createClaim("data", "1Gi", "\"storageClassName\":\"\",");
    kube.awaitIdle();
    assertThat(phase(claim("data"))).isEqualTo("Bound");
    delete(volumes, "", "pv1");
    kube.awaitIdle();
    assertThat(volume("pv1").path("metadata").has("deletionTimestamp")).as("protected while bound").isTrue();
    assertThat(phase(claim("data"))).isEqualTo("Bound");
    // an administrator forces it out by removing the finalizer
    ObjectNode withoutFinalizer = (ObjectNode) volume("pv1").deepCopy();
    ((ObjectNode) withoutFinalizer.get("metadata")).remove("finalizers");
    kube.operations().update(volumes, "v1", "", "pv1", withoutFinalizer, user, dev.kubemu.core.api.Target.MAIN);
    kube.awaitIdle();
    assertThat(volume("pv1")).isNull();
    assertThat(phase(claim("data"))).isEqualTo("Lost");
    assertThat(events("data")).contains(
        "Warning ClaimLost Bound claim has lost its PersistentVolume. Data on the volume is lost!");
  }
}
