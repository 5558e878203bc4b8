package dev.kubemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubemu.conformance.harness.Clients;
import dev.kubemu.conformance.harness.KubectlClient;
import dev.kubemu.conformance.harness.LiveClusterTest;
import dev.kubemu.conformance.harness.Poll;
import dev.kubemu.conformance.harness.Tables;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Storage as a workshop uses it, through every installed kubectl: the default StorageClass, a claim without a class
 * provisioned on the node of the deployment's pod, what get/describe show of claim and volume, and the claim's
 * protection while a pod uses it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageTest extends LiveClusterTest {
  private static final String NS = "storage";
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private String volume;
  private String pod;

  @BeforeAll
  void deployDatabase() {
    KubectlClient kubectl = Clients.latest();
    ok(kubectl, "create", "namespace", NS);
    ok(kubectl, "apply", "-f", cluster.file("db.yaml", """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: data
          namespace: storage
        spec:
          accessModes: [ReadWriteOnce]
          resources:
            requests: {storage: 1Gi}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: db
          namespace: storage
        spec:
          selector:
            matchLabels: {app: db}
          template:
            metadata:
              labels: {app: db}
            spec:
              containers:
              - name: postgres
                image: postgres:16
                volumeMounts:
                - {name: data, mountPath: /var/lib/postgresql/data}
              volumes:
              - name: data
                persistentVolumeClaim: {claimName: data}
        """).toString());
    ok(kubectl, "rollout", "status", "deployment/db", "-n", NS, "--timeout=60s");
    volume = Poll.until(SETTLE, () -> ok(kubectl, "get", "pvc", "data", "-n", NS, "-o",
        "jsonpath={.spec.volumeName}").stdout(), v -> !v.isBlank(), "the claim's volume");
    pod = Tables.rows(ok(kubectl, "get", "pods", "-n", NS, "--no-headers").stdout()).get(0).get(0);
  }

  @Order(1)
  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void getStorageClassMarksTheDefault(KubectlClient kubectl) {
    String classes = ok(kubectl, "get", "storageclass").stdout();
    assertThat(Tables.header(classes)).containsExactly("NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE",
        "ALLOWVOLUMEEXPANSION", "AGE");
    assertThat(Tables.row(classes, "default (default)")).containsSequence("default (default)",
        "kubemu.dev/simulated-disk", "Delete", "WaitForFirstConsumer", "true");
  }

  @Order(2)
  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void theClaimIsBoundToAVolumeProvisionedForIt(KubectlClient kubectl) {
    assertThat(volume).startsWith("pvc-");
    assertThat(Tables.row(ok(kubectl, "get", "pvc", "-n", NS).stdout(), "data"))
        .containsSequence("data", "Bound", volume, "1Gi", "RWO", "default");
    assertThat(Tables.row(ok(kubectl, "get", "pv").stdout(), volume))
        .containsSequence(volume, "1Gi", "RWO", "Delete", "Bound", NS + "/data", "default");
    String d = ok(kubectl, "describe", "pvc", "data", "-n", NS).stdout();
    assertThat(d).containsPattern("StorageClass:\\s+default\n")
        .containsPattern("Status:\\s+Bound\n")
        .containsPattern("Volume:\\s+" + volume + "\n")
        .containsPattern("pv.kubernetes.io/bind-completed: yes")
        .containsPattern("volume.kubernetes.io/selected-node: node-\\d")
        .containsPattern("Finalizers:\\s+\\[kubernetes.io/pvc-protection\\]\n")
        .containsPattern("Capacity:\\s+1Gi\n")
        .containsPattern("Access Modes:\\s+RWO\n")
        .containsPattern("VolumeMode:\\s+Filesystem\n")
        .containsPattern("Used By:\\s+" + pod + "\n")
        .containsPattern("Normal\\s+WaitForFirstConsumer\\s+.*persistentvolume-controller\\s+waiting for first "
            + "consumer to be created before binding")
        .containsPattern("Normal\\s+ProvisioningSucceeded\\s+.*kubemu.dev/simulated-disk_\\S+\\s+Successfully "
            + "provisioned volume " + volume);
    String pvDescription = ok(kubectl, "describe", "pv", volume).stdout();
    assertThat(pvDescription).containsPattern("Node Affinity:\\s*\n\\s+Required Terms:\\s*\n\\s+Term 0:\\s+"
        + "kubernetes.io/hostname in \\[node-\\d\\]");
  }

  /** Last: it deletes the claim the others read. */
  @Order(3)
  @Test
  void aClaimInUseWaitsForItsPodThenTakesItsVolumeAlong() {
    KubectlClient kubectl = Clients.latest();
    ok(kubectl, "delete", "pvc", "data", "-n", NS, "--wait=false");
    List<String> row = Tables.row(ok(kubectl, "get", "pvc", "-n", NS).stdout(), "data");
    assertThat(row.get(1)).isEqualTo("Terminating");
    ok(kubectl, "scale", "deployment/db", "-n", NS, "--replicas=0");
    Poll.until(SETTLE, () -> kubectl.run(cluster.kubeconfig(), "get", "pv", volume), r -> r.exitCode() != 0,
        "the volume to be deleted with its claim");
    assertThat(kubectl.run(cluster.kubeconfig(), "get", "pvc", "data", "-n", NS).exitCode()).isNotZero();
  }
}
