package dev.kubemu.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VolumeBindingTest {
  private final Map<String, JsonNode> claims = new HashMap<>();
  private final Map<String, JsonNode> volumes = new HashMap<>();
  private final Map<String, JsonNode> classes = new HashMap<>();
  private final VolumeLookup lookup = new VolumeLookup() {
    @Override
    public JsonNode claim(String namespace, String name) {
      return claims.get(namespace + "/" + name);
    }

    @Override
    public JsonNode volume(String name) {
      return volumes.get(name);
    }

    @Override
    public JsonNode storageClass(String name) {
      return classes.get(name);
    }

    @Override
    public Collection<JsonNode> volumesOfClass(String className) {
      var list = new ArrayList<JsonNode>();
      volumes.values().forEach(v -> {
        if (v.path("spec").path("storageClassName").asText("").equals(className)) {
          list.add(v);
        }
      });
      return list;
    }
  };

  private static ObjectNode json(String text) {
    return (ObjectNode) Json.parseTrusted(text.replace('\'', '"').getBytes());
  }

  private static JsonNode pod(String... claimNames) {
    ObjectNode pod = json("{'metadata':{'name':'db','namespace':'ns'},'spec':{'containers':[{'name':'c'}],"
        + "'volumes':[{'name':'scratch','emptyDir':{}}]}}");
    for (String claim : claimNames) {
      ((ObjectNode) pod.get("spec")).withArray("volumes").addObject().put("name", claim)
          .putObject("persistentVolumeClaim").put("claimName", claim);
    }
    return pod;
  }

  private static JsonNode node(String name) {
    return json("{'metadata':{'name':'" + name + "','labels':{'kubernetes.io/hostname':'" + name + "'}}}");
  }

  /** A claim in namespace ns; {@code state} is bound (to pv-NAME), deleting, lost, or pending. */
  private void claim(String name, String className, String state, String annotations) {
    ObjectNode claim = json("{'metadata':{'name':'" + name + "','namespace':'ns','uid':'u-" + name + "',"
        + "'annotations':{" + annotations + "}},'spec':{'storageClassName':'" + className + "','accessModes':"
        + "['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}}},'status':{'phase':'Pending'}}");
    switch (state) {
      case "bound" -> {
        ((ObjectNode) claim.get("spec")).put("volumeName", "pv-" + name);
        ((ObjectNode) claim.path("metadata").path("annotations")).put("pv.kubernetes.io/bind-completed", "yes");
        ((ObjectNode) claim.get("status")).put("phase", "Bound");
      }
      case "deleting" -> ((ObjectNode) claim.get("metadata")).put("deletionTimestamp", "2030-01-01T00:00:00Z");
      case "lost" -> {
        ((ObjectNode) claim.get("spec")).put("volumeName", "pv-" + name);
        ((ObjectNode) claim.get("status")).put("phase", "Lost");
      }
      default -> { }
    }
    claims.put("ns/" + name, claim);
  }

  private void volume(String name, String className, String node, String claimRef) {
    String affinity = node == null ? "" : ",'nodeAffinity':{'required':{'nodeSelectorTerms':[{'matchExpressions':"
        + "[{'key':'kubernetes.io/hostname','operator':'In','values':['" + node + "']}]}]}}";
    volumes.put(name, json("{'metadata':{'name':'" + name + "'},'spec':{'storageClassName':'" + className + "',"
        + "'capacity':{'storage':'2Gi'},'accessModes':['ReadWriteOnce']" + affinity + claimRef + "},"
        + "'status':{'phase':'Available'}}"));
  }

  private void storageClass(String name, String provisioner, String mode) {
    classes.put(name, json("{'metadata':{'name':'" + name + "'},'provisioner':'" + provisioner + "',"
        + "'volumeBindingMode':'" + mode + "'}"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(delimiter = '|', value = {
      "missing   | fast | persistentvolumeclaim \"data\" not found",
      "deleting  | fast | persistentvolumeclaim \"data\" is being deleted",
      "lost      | fast | persistentvolumeclaim \"data\" bound to non-existent persistentvolume \"pv-data\"",
      "pending   | fast | pod has unbound immediate PersistentVolumeClaims",
      "pending   | gone | pod has unbound immediate PersistentVolumeClaims",
      "pending   | wffc | ",
      "bound     | fast | ",
  })
  void preFilterRejectsWhatNoNodeCanFix(String state, String className, String expected) {
    storageClass("fast", "example.com/disk", "Immediate");
    storageClass("wffc", "example.com/disk", "WaitForFirstConsumer");
    if (!state.equals("missing")) {
      claim("data", className, state, "");
    }
    assertThat(VolumeBinding.preFilter(pod("data"), lookup).failure()).isEqualTo(expected);
  }

  @Test
  void aPodWithoutClaimsHasNothingToBind() {
    VolumeBinding.PreFilter result = VolumeBinding.preFilter(pod(), lookup);
    assertThat(result.failure()).isNull();
    assertThat(result.claims().any()).isFalse();
  }

  @Test
  void boundVolumesKeepThePodOnTheirNode() {
    storageClass("fast", "example.com/disk", "Immediate");
    claim("data", "fast", "bound", "");
    claim("orphan", "fast", "bound", "");
    volume("pv-data", "fast", "node-2", "");
    VolumeBinding.PodClaims claims = VolumeBinding.preFilter(pod("data"), lookup).claims();
    assertThat(VolumeBinding.filter(claims, node("node-1"), lookup).reasons())
        .containsExactly(VolumeBinding.NODE_CONFLICT);
    assertThat(VolumeBinding.filter(claims, node("node-2"), lookup).volumes().allBound()).isTrue();
    VolumeBinding.PodClaims orphaned = VolumeBinding.preFilter(pod("orphan"), lookup).claims();
    assertThat(VolumeBinding.filter(orphaned, node("node-2"), lookup).reasons())
        .containsExactly(VolumeBinding.PV_NOT_EXIST);
  }

  @Test
  void waitingClaimsTakeALocalVolumeOrAProvisionerOrNothing() {
    storageClass("local", "kubernetes.io/no-provisioner", "WaitForFirstConsumer");
    storageClass("wffc", "example.com/disk", "WaitForFirstConsumer");
    claim("data", "local", "pending", "");
    claim("made", "wffc", "pending", "");
    volume("disk-2", "local", "node-2", "");
    VolumeBinding.PodClaims local = VolumeBinding.preFilter(pod("data"), lookup).claims();
    assertThat(VolumeBinding.filter(local, node("node-1"), lookup).reasons())
        .containsExactly(VolumeBinding.BIND_CONFLICT);
    VolumeBinding.NodeVolumes onTwo = VolumeBinding.filter(local, node("node-2"), lookup).volumes();
    assertThat(onTwo.staticBindings()).extracting(b -> b.volume().path("metadata").path("name").asText())
        .containsExactly("disk-2");
    assertThat(onTwo.provisions()).isEmpty();

    VolumeBinding.PodClaims both = VolumeBinding.preFilter(pod("data", "made"), lookup).claims();
    VolumeBinding.NodeVolumes needs = VolumeBinding.filter(both, node("node-2"), lookup).volumes();
    assertThat(needs.staticBindings()).hasSize(1);
    assertThat(needs.provisions()).extracting(c -> c.path("metadata").path("name").asText())
        .containsExactly("made");
  }

  @Test
  void aSelectedNodeIsTheOnlyPlaceForTheClaim() {
    storageClass("wffc", "example.com/disk", "WaitForFirstConsumer");
    claim("data", "wffc", "pending", "'volume.kubernetes.io/selected-node':'node-3'");
    VolumeBinding.PodClaims claims = VolumeBinding.preFilter(pod("data"), lookup).claims();
    assertThat(VolumeBinding.filter(claims, node("node-1"), lookup).reasons())
        .containsExactly(VolumeBinding.BIND_CONFLICT);
    assertThat(VolumeBinding.filter(claims, node("node-3"), lookup).volumes().provisions()).hasSize(1);
  }

  @Test
  void theClassTopologyLimitsProvisioning() {
    ObjectNode zonal = json("{'metadata':{'name':'zonal'},'provisioner':'example.com/disk','volumeBindingMode':"
        + "'WaitForFirstConsumer','allowedTopologies':[{'matchLabelExpressions':[{'key':'kubernetes.io/hostname',"
        + "'values':['node-2']}]}]}");
    classes.put("zonal", zonal);
    claim("data", "zonal", "pending", "");
    VolumeBinding.PodClaims claims = VolumeBinding.preFilter(pod("data"), lookup).claims();
    assertThat(VolumeBinding.filter(claims, node("node-1"), lookup).reasons())
        .containsExactly(VolumeBinding.BIND_CONFLICT);
    assertThat(VolumeBinding.filter(claims, node("node-2"), lookup).reasons()).isEmpty();
  }

  @Test
  void aStartedBindingIsFollowedUntilThePvControllerFinishesIt() {
    storageClass("wffc", "example.com/disk", "WaitForFirstConsumer");
    claim("data", "wffc", "pending", "'volume.kubernetes.io/selected-node':'node-1'");
    VolumeBinding.NodeVolumes wanted = new VolumeBinding.NodeVolumes(List.of(), List.of(claims.get("ns/data")));
    assertThat(VolumeBinding.check(wanted, node("node-1"), "ns", lookup)).isEqualTo(VolumeBinding.Check.WAITING);

    claim("data", "wffc", "pending", "");
    assertThat(VolumeBinding.check(wanted, node("node-1"), "ns", lookup).error())
        .as("the provisioner dropped the selected node").isEqualTo("provisioning failed for PVC \"data\"");

    claim("data", "wffc", "bound", "'volume.kubernetes.io/selected-node':'node-1'");
    volume("pv-data", "wffc", "node-2", "");
    assertThat(VolumeBinding.check(wanted, node("node-1"), "ns", lookup).error()).isEqualTo("pv \"pv-data\" node "
        + "affinity doesn't match node \"node-1\": no matching NodeSelectorTerms");
    volume("pv-data", "wffc", "node-1", "");
    assertThat(VolumeBinding.check(wanted, node("node-1"), "ns", lookup)).isEqualTo(VolumeBinding.Check.BOUND);
  }
}
