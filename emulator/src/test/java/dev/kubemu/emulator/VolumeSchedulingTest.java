package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Pods with PersistentVolumeClaims: kube-scheduler's VolumeBinding with the volume controllers, end to end. */
class VolumeSchedulingTest {
  private static final String NOT_HELPFUL = " preemption: 0/3 nodes are available: 3 Preemption is not helpful for "
      + "scheduling.";
  private final VirtualClock clock = new VirtualClock(Instant.parse("2030-06-30T23:59:59Z"));
  private final RequestContext user = RequestContext.forUser();
  private Emulator kube;
  private ResourceType claims;
  private ResourceType volumes;
  private ResourceType classes;
  private ResourceType pods;
  private ResourceType nodes;

  @BeforeEach
  void start() {
    kube = Emulator.builder().http(false).systemAddons(false).clock(clock).start();
    claims = kube.registry().find("", "v1", "persistentvolumeclaims").orElseThrow();
    volumes = kube.registry().find("", "v1", "persistentvolumes").orElseThrow();
    classes = kube.registry().find("storage.k8s.io", "v1", "storageclasses").orElseThrow();
    pods = kube.registry().find("", "v1", "pods").orElseThrow();
    nodes = kube.registry().find("", "v1", "nodes").orElseThrow();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private static ObjectNode parse(String json) {
    return (ObjectNode) Json.parseTrusted(json.replace('\'', '"').getBytes());
  }

  private void createClaim(String name, String specExtra) {
    kube.operations().create(claims, "v1", "default", parse("{'apiVersion':'v1','kind':'PersistentVolumeClaim',"
        + "'metadata':{'name':'" + name + "'},'spec':{" + specExtra + "'accessModes':['ReadWriteOnce'],"
        + "'resources':{'requests':{'storage':'1Gi'}}}}"), user);
  }

  private void createClass(String name, String provisioner, String mode) {
    kube.operations().create(classes, "v1", "", parse("{'apiVersion':'storage.k8s.io/v1','kind':'StorageClass',"
        + "'metadata':{'name':'" + name + "'},'provisioner':'" + provisioner + "','volumeBindingMode':'" + mode
        + "'}"), user);
  }

  private void createLocalVolume(String name, String node, String className) {
    kube.operations().create(volumes, "v1", "", parse("{'apiVersion':'v1','kind':'PersistentVolume','metadata':"
        + "{'name':'" + name + "'},'spec':{'capacity':{'storage':'5Gi'},'accessModes':['ReadWriteOnce'],"
        + "'storageClassName':'" + className + "','local':{'path':'/mnt/disks/" + name + "'},'nodeAffinity':"
        + "{'required':{'nodeSelectorTerms':[{'matchExpressions':[{'key':'kubernetes.io/hostname','operator':'In',"
        + "'values':['" + node + "']}]}]}}}}"), user);
  }

  private void createPod(String name, String claim, String specExtra) {
    kube.operations().create(pods, "v1", "default", parse("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'"
        + name + "'},'spec':{" + specExtra + "'containers':[{'name':'c','image':'nginx','volumeMounts':[{'name':"
        + "'data','mountPath':'/data'}]}],'volumes':[{'name':'data','persistentVolumeClaim':{'claimName':'" + claim
        + "'}}]}}"), user);
  }

  private JsonNode get(ResourceType type, String namespace, String name) {
    StoredObject stored = kube.store().get(type.storageResource(), namespace, name);
    return stored == null ? null : kube.operations().storageTree(stored);
  }

  private JsonNode pod(String name) {
    return get(pods, "default", name);
  }

  private JsonNode claim(String name) {
    return get(claims, "default", name);
  }

  private static String scheduled(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("PodScheduled")) {
        return c.path("status").asText() + " " + c.path("reason").asText() + " " + c.path("message").asText();
      }
    }
    return "none";
  }

  private List<String> events(String involved) {
    var events = kube.operations().list(kube.registry().find("", "v1", "events").orElseThrow(), "default",
        new ListOptions(LabelSelector.everything(), FieldSelector.parse("involvedObject.name=" + involved), 0, null,
            ""));
    return events.items().stream().map(kube.operations()::storageTree)
        .map(e -> e.path("reason").asText() + ": " + e.path("message").asText()).toList();
  }

  private void settle(Duration advance) {
    kube.awaitIdle();
    clock.advance(advance);
    kube.awaitIdle();
  }

  @Test
  void aClaimOfTheDefaultClassIsProvisionedOnTheNodeItsPodIsScheduledTo() {
    createClaim("data", "");
    kube.awaitIdle();
    assertThat(events("data")).containsExactly(
        "WaitForFirstConsumer: waiting for first consumer to be created before binding");
    createPod("db", "data", "");
    kube.awaitIdle();

    JsonNode pod = pod("db");
    String node = pod.path("spec").path("nodeName").asText();
    assertThat(node).startsWith("node-");
    assertThat(pod.path("status").path("phase").asText()).isEqualTo("Running");
    JsonNode claim = claim("data");
    String pvName = "pvc-" + claim.path("metadata").path("uid").asText();
    assertThat(claim.path("status").path("phase").asText()).isEqualTo("Bound");
    assertThat(claim.path("spec").path("volumeName").asText()).isEqualTo(pvName);
    assertThat(claim.path("metadata").path("annotations").path("volume.kubernetes.io/selected-node").asText())
        .isEqualTo(node);
    JsonNode pv = get(volumes, "", pvName);
    assertThat(pv.path("status").path("phase").asText()).isEqualTo("Bound");
    assertThat(pv.path("spec").path("storageClassName").asText()).isEqualTo("default");
    assertThat(pv.path("spec").path("nodeAffinity").path("required").path("nodeSelectorTerms").get(0)
        .path("matchExpressions").get(0).path("values").toString()).isEqualTo("[\"" + node + "\"]");
    assertThat(events("data")).extracting(e -> e.substring(0, e.indexOf(':'))).containsExactly(
        "WaitForFirstConsumer", "ExternalProvisioning", "Provisioning", "ProvisioningSucceeded");
    assertThat(events("db")).contains("Scheduled: Successfully assigned default/db to " + node);
  }

  @Test
  void aPodFollowsItsVolumeToTheVolumesNode() {
    createClass("immediate", "kubemu.dev/simulated-disk", "Immediate");
    createClaim("data", "'storageClassName':'immediate',");
    kube.awaitIdle();
    String pvName = claim("data").path("spec").path("volumeName").asText();
    String volumeNode = get(volumes, "", pvName).path("spec").path("nodeAffinity").path("required")
        .path("nodeSelectorTerms").get(0).path("matchExpressions").get(0).path("values").get(0).asText();
    for (int i = 0; i < 3; i++) {
      createPod("reader-" + i, "data", "");
    }
    kube.awaitIdle();
    for (int i = 0; i < 3; i++) {
      assertThat(pod("reader-" + i).path("spec").path("nodeName").asText()).isEqualTo(volumeNode);
    }
    createPod("elsewhere", "data", "'nodeSelector':{'kubernetes.io/hostname':'" + (volumeNode.equals("node-1")
        ? "node-2" : "node-1") + "'},");
    kube.awaitIdle();
    assertThat(scheduled(pod("elsewhere"))).isEqualTo("False Unschedulable 0/3 nodes are available: 1 node(s) "
        + "didn't match PersistentVolume's node affinity, 2 node(s) didn't match Pod's node affinity/selector."
        + NOT_HELPFUL);
  }

  @Test
  void aPodWaitsForItsMissingClaimAndSchedulesOnceItExists() {
    createPod("db", "data", "");
    kube.awaitIdle();
    String message = "0/3 nodes are available: persistentvolumeclaim \"data\" not found." + NOT_HELPFUL;
    assertThat(scheduled(pod("db"))).isEqualTo("False Unschedulable " + message);
    assertThat(events("db")).containsExactly("FailedScheduling: " + message);

    createClaim("data", "");
    settle(Duration.ofSeconds(1));
    assertThat(pod("db").path("spec").path("nodeName").asText()).startsWith("node-");
    assertThat(claim("data").path("status").path("phase").asText()).isEqualTo("Bound");
  }

  @Test
  void aClaimBeingDeletedKeepsNewPodsAway() {
    createClaim("data", "");
    createPod("first", "data", "");
    kube.awaitIdle();
    kube.operations().delete(claims, "v1", "default", "data", dev.kubemu.core.api.DeleteOptions.defaults(), user);
    createPod("second", "data", "");
    kube.awaitIdle();
    assertThat(scheduled(pod("second"))).isEqualTo("False Unschedulable 0/3 nodes are available: "
        + "persistentvolumeclaim \"data\" is being deleted." + NOT_HELPFUL);
    assertThat(claim("data")).as("held by the first pod").isNotNull();
  }

  @Test
  void anUnboundImmediateClaimHoldsThePodBack() {
    createClass("manual", "kubernetes.io/no-provisioner", "Immediate");
    createClaim("data", "'storageClassName':'manual',");
    createPod("db", "data", "");
    kube.awaitIdle();
    assertThat(scheduled(pod("db"))).isEqualTo("False Unschedulable 0/3 nodes are available: pod has unbound "
        + "immediate PersistentVolumeClaims." + NOT_HELPFUL);

    createLocalVolume("disk-3", "node-3", "manual");
    settle(Duration.ofSeconds(15));
    assertThat(claim("data").path("spec").path("volumeName").asText()).as("found at the binder's resync")
        .isEqualTo("disk-3");
    settle(Duration.ofSeconds(10));
    assertThat(pod("db").path("spec").path("nodeName").asText()).isEqualTo("node-3");
  }

  @Test
  void localVolumesAreChosenAndPreBoundByTheScheduler() {
    createClass("local", "kubernetes.io/no-provisioner", "WaitForFirstConsumer");
    createClaim("data", "'storageClassName':'local',");
    createPod("db", "data", "");
    kube.awaitIdle();
    assertThat(scheduled(pod("db"))).isEqualTo("False Unschedulable 0/3 nodes are available: 3 node(s) didn't find "
        + "available persistent volumes to bind." + NOT_HELPFUL);

    createLocalVolume("disk-2", "node-2", "local");
    settle(Duration.ofSeconds(1));
    assertThat(pod("db").path("spec").path("nodeName").asText()).isEqualTo("node-2");
    JsonNode pv = get(volumes, "", "disk-2");
    assertThat(pv.path("status").path("phase").asText()).isEqualTo("Bound");
    assertThat(pv.path("metadata").path("annotations").path("pv.kubernetes.io/bound-by-controller").asText())
        .isEqualTo("yes");
    assertThat(claim("data").path("spec").path("volumeName").asText()).isEqualTo("disk-2");
  }

  @Test
  void aPodWhoseVolumeIsNeverProvisionedGivesUpAfterTenMinutesAndKeepsItsNode() {
    createClass("nobody", "example.com/absent", "WaitForFirstConsumer");
    createClaim("data", "'storageClassName':'nobody',");
    createPod("db", "data", "");
    kube.awaitIdle();
    JsonNode pending = pod("db");
    assertThat(pending.path("spec").path("nodeName").asText()).isEmpty();
    assertThat(scheduled(pending)).isEqualTo("none");
    String node = claim("data").path("metadata").path("annotations").path("volume.kubernetes.io/selected-node")
        .asText();
    assertThat(node).startsWith("node-");
    assertThat(events("data")).contains("ExternalProvisioning: Waiting for a volume to be created either by the "
        + "external provisioner 'example.com/absent' or manually by the system administrator. If volume creation is "
        + "delayed, please verify that the provisioner is running and correctly registered.");

    settle(Duration.ofMinutes(10));
    String error = "running PreBind plugin \"VolumeBinding\": binding volumes: context deadline exceeded";
    assertThat(scheduled(pod("db"))).isEqualTo("False SchedulerError " + error);
    assertThat(events("db")).contains("FailedScheduling: " + error);
    settle(Duration.ofSeconds(1));
    assertThat(pod("db").path("spec").path("nodeName").asText()).isEmpty();
    assertThat(claim("data").path("metadata").path("annotations").path("volume.kubernetes.io/selected-node")
        .asText()).as("a selected node binds the claim's pods to it").isEqualTo(node);
  }

  @Test
  void aReservedNodeIsNotGivenAwayWhileVolumesBind() {
    kube.close();
    kube = Emulator.builder().http(false).systemAddons(false).nodes(1).clock(clock)
        .nodeShape(new dev.kubemu.kubelet.NodeShape(dev.kubemu.core.object.Quantity.parse("4"),
            dev.kubemu.core.object.Quantity.parse("8Gi"), 1, dev.kubemu.core.object.Quantity.parse("10Gi")))
        .start();
    createClass("nobody", "example.com/absent", "WaitForFirstConsumer");
    createClaim("data", "'storageClassName':'nobody',");
    createPod("db", "data", "");
    kube.awaitIdle();
    kube.operations().create(pods, "v1", "default", parse("{'apiVersion':'v1','kind':'Pod','metadata':{'name':"
        + "'web'},'spec':{'containers':[{'name':'c','image':'nginx'}]}}"), user);
    kube.awaitIdle();
    assertThat(scheduled(pod("web"))).isEqualTo("False Unschedulable 0/1 nodes are available: 1 Too many pods. "
        + "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
  }
}
