package dev.kubemu.controllers.volume;

import static dev.kubemu.controllers.volume.Fixtures.claim;
import static dev.kubemu.controllers.volume.Fixtures.claimRef;
import static dev.kubemu.controllers.volume.Fixtures.name;
import static dev.kubemu.controllers.volume.Fixtures.storageClass;
import static dev.kubemu.controllers.volume.Fixtures.volume;
import static dev.kubemu.controllers.volume.Fixtures.withAnnotation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClaimSyncTest {
  private static final Map<String, JsonNode> CLASSES = Map.of(
      "wffc", storageClass("wffc", "kubemu.dev/simulated-disk", "WaitForFirstConsumer"),
      "now", storageClass("now", "kubemu.dev/simulated-disk", "Immediate"),
      "local", storageClass("local", "kubernetes.io/no-provisioner", "Immediate"));
  private static final String EXTERNAL = "Waiting for a volume to be created either by the external provisioner "
      + "'kubemu.dev/simulated-disk' or manually by the system administrator. If volume creation is delayed, please "
      + "verify that the provisioner is running and correctly registered.";

  /** One row: what the claim sees, and the plan as "ACTION value/volume | type reason message". */
  record Row(String why, JsonNode claim, JsonNode requested, List<JsonNode> volumes, String defaultClass,
      List<String> unscheduledPods, String expected) {
    @Override
    public String toString() {
      return why;
    }
  }

  static Stream<Row> rows() {
    ObjectNode noClass = claim("data", "1Gi", "ReadWriteOnce", "'storageClassName':'',");
    ObjectNode unset = claim("data", "1Gi", "ReadWriteOnce", "");
    ObjectNode wffc = claim("data", "1Gi", "ReadWriteOnce", "'storageClassName':'wffc',");
    ObjectNode bound = withAnnotation(claim("data", "1Gi", "ReadWriteOnce",
        "'storageClassName':'','volumeName':'pv1',"), Volumes.BIND_COMPLETED, "yes");
    return Stream.of(
        new Row("a matching volume binds", noClass, null, List.of(volume("pv1", "1Gi", "ReadWriteOnce", "")), null,
            List.of(), "BIND pv1"),
        new Row("no class, no volume", noClass, null, List.of(), null, List.of(),
            "PENDING | Normal FailedBinding " + ClaimSync.NO_CLASS),
        new Row("no class at all gets the default retroactively", unset, null, List.of(), "wffc", List.of(),
            "ASSIGN_CLASS wffc"),
        new Row("no class at all and no default", unset, null, List.of(), null, List.of(),
            "PENDING | Normal FailedBinding " + ClaimSync.NO_CLASS),
        new Row("an unset class still binds a class-less volume first", unset, null,
            List.of(volume("pv1", "1Gi", "ReadWriteOnce", "")), "wffc", List.of(), "BIND pv1"),
        new Row("waits for a first consumer", wffc, null, List.of(), null, List.of(),
            "PENDING | Normal WaitForFirstConsumer waiting for first consumer to be created before binding"),
        new Row("waits for its pod to be scheduled", wffc, null, List.of(), null, List.of("web-0"),
            "PENDING | Normal WaitForPodScheduled waiting for pod web-0 to be scheduled"),
        new Row("waits for its pods to be scheduled", wffc, null, List.of(), null, List.of("a", "b"),
            "PENDING | Normal WaitForPodScheduled waiting for pods a,b to be scheduled"),
        new Row("a free volume of the class is left to the scheduler", wffc, null,
            List.of(volume("pv1", "1Gi", "ReadWriteOnce", "'storageClassName':'wffc',")), null, List.of(),
            "PENDING | Normal WaitForFirstConsumer waiting for first consumer to be created before binding"),
        new Row("provisions once a node is selected",
            withAnnotation(wffc.deepCopy(), Volumes.SELECTED_NODE, "node-1"), null, List.of(), null, List.of(),
            "PROVISION kubemu.dev/simulated-disk | Normal ExternalProvisioning " + EXTERNAL),
        new Row("the provisioned volume binds",
            withAnnotation(wffc.deepCopy(), Volumes.SELECTED_NODE, "node-1"), null,
            List.of(volume("pvc-uid-data", "1Gi", "ReadWriteOnce", claimRef("data", true)
                + "'storageClassName':'wffc',")), null, List.of(), "BIND pvc-uid-data"),
        new Row("an Immediate class provisions at once", claim("data", "1Gi", "ReadWriteOnce",
            "'storageClassName':'now',"), null, List.of(), null, List.of(),
            "PROVISION kubemu.dev/simulated-disk | Normal ExternalProvisioning " + EXTERNAL),
        new Row("a missing class", claim("data", "1Gi", "ReadWriteOnce", "'storageClassName':'gone',"), null,
            List.of(), null, List.of(),
            "EVENT_ONLY | Warning ProvisioningFailed storageclass.storage.k8s.io \"gone\" not found"),
        new Row("a class without provisioner", claim("data", "1Gi", "ReadWriteOnce", "'storageClassName':'local',"),
            null, List.of(), null, List.of(),
            "EVENT_ONLY | Warning ProvisioningFailed no volume plugin matched name: kubernetes.io/no-provisioner"),
        new Row("the named volume does not exist yet", claim("data", "1Gi", "ReadWriteOnce",
            "'storageClassName':'','volumeName':'pv1',"), null, List.of(), null, List.of(), "PENDING"),
        new Row("the named volume is free", claim("data", "1Gi", "ReadWriteOnce",
            "'storageClassName':'','volumeName':'pv1',"), volume("pv1", "1Gi", "ReadWriteOnce", ""), List.of(), null,
            List.of(), "BIND pv1"),
        new Row("the named volume is too small", claim("data", "2Gi", "ReadWriteOnce",
            "'storageClassName':'','volumeName':'pv1',"), volume("pv1", "1Gi", "ReadWriteOnce", ""), List.of(), null,
            List.of(), "PENDING | Warning VolumeMismatch Cannot bind to requested volume \"pv1\": requested PV is too "
            + "small"),
        new Row("the named volume belongs to someone else", claim("data", "1Gi", "ReadWriteOnce",
            "'storageClassName':'','volumeName':'pv1',"), volume("pv1", "1Gi", "ReadWriteOnce",
            claimRef("other", true)), List.of(), null, List.of(), "PENDING"),
        new Row("bound and well", bound, volume("pv1", "1Gi", "ReadWriteOnce", claimRef("data", true)), List.of(),
            null, List.of(), "BIND pv1"),
        new Row("bound, its volume gone", bound, null, List.of(), null, List.of(),
            "LOST | Warning ClaimLost " + ClaimSync.LOST_VOLUME),
        new Row("bound, its volumeName cleared", withAnnotation(claim("data", "1Gi", "ReadWriteOnce", ""),
            Volumes.BIND_COMPLETED, "yes"), null, List.of(), null, List.of(),
            "LOST | Warning ClaimLost " + ClaimSync.LOST_REFERENCE),
        new Row("bound, its volume bound to another claim", bound, volume("pv1", "1Gi", "ReadWriteOnce",
            claimRef("other", true)), List.of(), null, List.of(), "LOST | Warning ClaimMisbound "
            + ClaimSync.MISBOUND));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void plans(Row row) {
    ClaimPlan plan = ClaimSync.plan(new ClaimSync.World(row.claim(), row.requested(), row.volumes(), CLASSES::get,
        row.defaultClass(), row::unscheduledPods));
    String what = plan.action() + (plan.volume() != null ? " " + name(plan.volume()) : "")
        + (plan.value() != null ? " " + plan.value() : "");
    String event = plan.event() == null ? "" : " | " + plan.event().type() + " " + plan.event().reason() + " "
        + plan.event().message();
    assertThat(what + event).isEqualTo(row.expected());
  }
}
