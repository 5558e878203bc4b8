package dev.kubemu.controllers.volume;

import static dev.kubemu.controllers.volume.Fixtures.claim;
import static dev.kubemu.controllers.volume.Fixtures.claimRef;
import static dev.kubemu.controllers.volume.Fixtures.volume;
import static dev.kubemu.controllers.volume.Fixtures.withAnnotation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VolumeSyncTest {
  private static ObjectNode policy(ObjectNode volume, String policy) {
    ((ObjectNode) volume.get("spec")).put("persistentVolumeReclaimPolicy", policy);
    return volume;
  }

  private static ObjectNode boundClaim(String volumeName) {
    return claim("data", "1Gi", "ReadWriteOnce", "'storageClassName':'','volumeName':'" + volumeName + "',");
  }

  /** A claim deleted and created again under the same name: another uid. */
  private static ObjectNode recreated() {
    ObjectNode claim = claim("data", "1Gi", "ReadWriteOnce", "");
    ((ObjectNode) claim.get("metadata")).put("uid", "uid-new");
    return claim;
  }

  static Stream<Arguments> rows() {
    ObjectNode boundPv = volume("pv1", "1Gi", "ReadWriteOnce", claimRef("data", true));
    ObjectNode nfs = policy(volume("pv1", "1Gi", "ReadWriteOnce", claimRef("data", true)), "Delete");
    ((ObjectNode) nfs.get("spec")).remove("hostPath");
    ((ObjectNode) nfs.get("spec")).putObject("nfs").put("server", "nfs").put("path", "/x");
    ObjectNode tmp = policy(volume("pv1", "1Gi", "ReadWriteOnce", claimRef("data", true)), "Delete");
    ((ObjectNode) tmp.get("spec").get("hostPath")).put("path", "/tmp/data");
    return Stream.of(
        Arguments.of("unused", volume("pv1", "1Gi", "ReadWriteOnce", ""), null, "PHASE Available"),
        Arguments.of("pre-bound by name, claim not bound yet", volume("pv1", "1Gi", "ReadWriteOnce",
            claimRef("data", false)), null, "PHASE Available"),
        Arguments.of("bound both ways", boundPv, boundClaim("pv1"), "PHASE Bound"),
        Arguments.of("claim has not caught up", boundPv, claim("data", "1Gi", "ReadWriteOnce", ""),
            "SYNC_CLAIM default/data"),
        Arguments.of("claim of another volume mode", boundPv, claim("data", "1Gi", "ReadWriteOnce",
            "'volumeMode':'Block',"), "MODE_MISMATCH | Warning VolumeMismatch Cannot bind PersistentVolume to "
            + "requested PersistentVolumeClaim \"data\" due to incompatible volumeMode."),
        Arguments.of("claim gone, Retain", boundPv, null, "RECLAIM Released RETAIN"),
        Arguments.of("a new claim of the same name", boundPv, recreated(),
            "RECLAIM Released RETAIN"),
        Arguments.of("claim gone, provisioned externally", withAnnotation(policy(volume("pv1", "1Gi",
            "ReadWriteOnce", claimRef("data", true)), "Delete"), Volumes.PROVISIONED_BY, "kubemu.dev/simulated-disk"),
            null, "RECLAIM Released EXTERNAL"),
        Arguments.of("claim gone, hostPath under /tmp", tmp, null, "RECLAIM Released DELETE_OBJECT"),
        Arguments.of("claim gone, hostPath elsewhere", policy(volume("pv1", "1Gi", "ReadWriteOnce",
            claimRef("data", true)), "Delete"), null, "RECLAIM Released FAIL | Warning VolumeFailedDelete "
            + "host_path deleter only supports /tmp/.+ but received provided /d"),
        Arguments.of("claim gone, nothing deletes NFS", nfs, null, "RECLAIM Released FAIL | Warning "
            + "VolumeFailedDelete error getting deleter volume plugin for volume \"pv1\": no deletable volume plugin "
            + "matched"),
        Arguments.of("claim gone, Recycle", policy(volume("pv1", "1Gi", "ReadWriteOnce", claimRef("data", true)),
            "Recycle"), null, "RECLAIM Released RECYCLE | Normal VolumeRecycled Volume recycled"),
        Arguments.of("claim bound elsewhere, volume bound by the controller", withAnnotation(boundPv.deepCopy(),
            Volumes.BOUND_BY_CONTROLLER, "yes"), boundClaim("pv2"), "UNBIND"),
        Arguments.of("claim bound elsewhere, provisioned for it", withAnnotation(policy(boundPv.deepCopy(),
            "Delete"), Volumes.PROVISIONED_BY, "kubemu.dev/simulated-disk"), boundClaim("pv2"),
            "RECLAIM Released EXTERNAL"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void plans(String why, JsonNode volume, JsonNode claim, String expected) {
    VolumeSync.Plan plan = VolumeSync.plan(volume, claim);
    String what = plan.action() + (plan.phase() != null ? " " + plan.phase() : "")
        + (plan.reclaim() != null ? " " + plan.reclaim() : "") + (plan.claimKey() != null ? " " + plan.claimKey() : "")
        + (plan.event() != null ? " | " + plan.event().type() + " " + plan.event().reason() + " "
        + plan.event().message() : "");
    assertThat(what).isEqualTo(expected);
  }
}
