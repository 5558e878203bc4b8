package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.printing.PrinterColumn;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.time.VirtualClock;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DefaultStorageClassTest {
  private final VirtualClock clock = new VirtualClock(Instant.parse("2028-02-29T23:59:30Z"));
  private Emulator kube;
  private ResourceType storageClasses;

  @BeforeEach
  void start() {
    kube = Emulator.builder().http(false).systemAddons(false).clock(clock).start();
    storageClasses = kube.registry().find("storage.k8s.io", "v1", "storageclasses").orElseThrow();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  @Test
  void aFreshClusterHasTheDefaultClassTheWorkshopManifestsName() {
    JsonNode sc = kube.operations().getTree(storageClasses, "", "default");
    assertThat(sc.path("metadata").path("annotations").path("storageclass.kubernetes.io/is-default-class").asText())
        .isEqualTo("true");
    assertThat(sc.path("provisioner").asText()).isEqualTo("kubemu.dev/simulated-disk");
    assertThat(sc.path("reclaimPolicy").asText()).isEqualTo("Delete");
    assertThat(sc.path("volumeBindingMode").asText()).isEqualTo("WaitForFirstConsumer");
    assertThat(sc.path("allowVolumeExpansion").asBoolean()).isTrue();
  }

  @Test
  void kubectlGetStorageClassMarksItAsTheDefault() {
    JsonNode sc = kube.operations().getTree(storageClasses, "", "default");
    var cells = new ArrayList<String>();
    for (PrinterColumn column : storageClasses.printerColumns()) {
      cells.add(String.valueOf(column.cell().cell(sc, clock.now())));
    }
    assertThat(cells).containsExactly("default (default)", "kubemu.dev/simulated-disk", "Delete",
        "WaitForFirstConsumer", "true", "0s");
    assertThat(kube.operations().list(storageClasses, "", dev.kubemu.core.api.ListOptions.everything()).items())
        .hasSize(1);
  }


  @Test
  void claimsWithoutAClassGetItThroughAdmissionAndAreProtected() {
    ResourceType claims = kube.registry().find("", "v1", "persistentvolumeclaims").orElseThrow();
    JsonNode claim = kube.operations().create(claims, "v1", "default", (com.fasterxml.jackson.databind.node.ObjectNode)
        dev.kubemu.core.object.Json.parseTrusted(("{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\","
            + "\"metadata\":{\"name\":\"data\"},\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],\"resources\":"
            + "{\"requests\":{\"storage\":\"1Gi\"}}}}").getBytes()), dev.kubemu.core.api.RequestContext.forUser())
        .object();
    assertThat(claim.path("spec").path("storageClassName").asText()).isEqualTo("default");
    assertThat(claim.path("metadata").path("finalizers").toString()).isEqualTo("[\"kubernetes.io/pvc-protection\"]");
  }
}
