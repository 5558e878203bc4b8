package dev.kubemu.controllers.volume;

import static dev.kubemu.controllers.volume.Fixtures.claim;
import static dev.kubemu.controllers.volume.Fixtures.json;
import static dev.kubemu.controllers.volume.Fixtures.storageClass;
import static dev.kubemu.controllers.volume.Fixtures.withAnnotation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedDisksTest {
  private static JsonNode node(String name, String zone) {
    return json("{'metadata':{'name':'" + name + "','labels':{'kubernetes.io/hostname':'" + name + "',"
        + "'topology.kubernetes.io/zone':'" + zone + "'}}}");
  }

  private static JsonNode array(String text) {
    return dev.kubemu.core.object.Json.parseTrusted(text.replace('\'', '"').getBytes());
  }

  @Test
  void theVolumeIsPreBoundAndLivesOnItsNode() {
    ObjectNode sc = storageClass("default", SimulatedDiskProvisioner.NAME, "WaitForFirstConsumer");
    sc.putArray("mountOptions").add("noatime");
    ObjectNode claim = claim("data", "5Gi", "ReadWriteOnce", "'storageClassName':'default',");
    JsonNode pv = SimulatedDisks.volume(claim, sc, SimulatedDiskProvisioner.NAME, "node-2");
    assertThat(pv.toString()).isEqualTo(Fixtures.json("{'apiVersion':'v1','kind':'PersistentVolume','metadata':{"
        + "'name':'pvc-uid-data','annotations':{'pv.kubernetes.io/provisioned-by':'kubemu.dev/simulated-disk'}},"
        + "'spec':{'accessModes':['ReadWriteOnce'],'capacity':{'storage':'5Gi'},'claimRef':{'kind':"
        + "'PersistentVolumeClaim','namespace':'default','name':'data','uid':'uid-data','apiVersion':'v1',"
        + "'resourceVersion':'7'},'hostPath':{'path':'/var/lib/kubemu/simulated-disks/pvc-uid-data_default_data',"
        + "'type':'DirectoryOrCreate'},'mountOptions':['noatime'],'nodeAffinity':{'required':{'nodeSelectorTerms':"
        + "[{'matchExpressions':[{'key':'kubernetes.io/hostname','operator':'In','values':['node-2']}]}]}},"
        + "'persistentVolumeReclaimPolicy':'Delete','storageClassName':'default','volumeMode':'Filesystem'}}")
        .toString());
  }

  @Test
  void anImmediateDiskGoesToANodeTheClassAllows() {
    List<JsonNode> nodes = List.of(node("node-1", "a"), node("node-2", "b"), node("node-3", "b"));
    ObjectNode sc = storageClass("zonal", SimulatedDiskProvisioner.NAME, "Immediate");
    assertThat(SimulatedDisks.nodeFor(claim("data", "1Gi", "ReadWriteOnce", ""), sc, nodes)).startsWith("node-");
    sc.set("allowedTopologies", array("[{'matchLabelExpressions':[{'key':'topology.kubernetes.io/zone',"
        + "'values':['a']}]}]"));
    for (String claim : List.of("a", "b", "c", "d")) {
      assertThat(SimulatedDisks.nodeFor(claim(claim, "1Gi", "ReadWriteOnce", ""), sc, nodes)).isEqualTo("node-1");
    }
    sc.set("allowedTopologies", array("[{'matchLabelExpressions':[{'key':'topology.kubernetes.io/zone',"
        + "'values':['c']}]}]"));
    assertThat(SimulatedDisks.nodeFor(claim("data", "1Gi", "ReadWriteOnce", ""), sc, nodes)).isNull();
  }

  @Test
  void itProvisionsOnlyWhatItWasAskedFor() {
    ObjectNode wffc = storageClass("default", SimulatedDiskProvisioner.NAME, "WaitForFirstConsumer");
    ObjectNode asked = withAnnotation(claim("data", "1Gi", "ReadWriteOnce", "'storageClassName':'default',"),
        Volumes.STORAGE_PROVISIONER, SimulatedDiskProvisioner.NAME);
    assertThat(SimulatedDiskProvisioner.shouldProvision(asked, wffc)).as("no node selected yet").isFalse();
    withAnnotation(asked, Volumes.SELECTED_NODE, "node-1");
    assertThat(SimulatedDiskProvisioner.shouldProvision(asked, wffc)).isTrue();
    assertThat(SimulatedDiskProvisioner.shouldProvision(asked,
        storageClass("default", "disk.csi.azure.com", "WaitForFirstConsumer"))).as("another's class").isFalse();
    ObjectNode unasked = claim("data", "1Gi", "ReadWriteOnce", "'storageClassName':'now',");
    ObjectNode immediate = storageClass("now", SimulatedDiskProvisioner.NAME, "Immediate");
    assertThat(SimulatedDiskProvisioner.shouldProvision(unasked, immediate)).as("not annotated").isFalse();
    assertThat(SimulatedDiskProvisioner.shouldProvision(withAnnotation(unasked, Volumes.BETA_STORAGE_PROVISIONER,
        SimulatedDiskProvisioner.NAME), immediate)).as("the beta annotation is enough").isTrue();
  }
}
