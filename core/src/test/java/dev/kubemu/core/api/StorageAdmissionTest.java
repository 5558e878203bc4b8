package dev.kubemu.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.VersionedStore;
import dev.kubemu.core.time.VirtualClock;
import dev.kubemu.kinds.BuiltinTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorageAdmissionTest {
  private final VirtualClock clock = new VirtualClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final ResourceOperations operations = new ResourceOperations(BuiltinTypes.registry(), new VersionedStore(),
      clock, List.of(new DefaultStorageClass(), new StorageObjectInUseProtection()), new Random(5));
  private final ResourceType classes = operations.registry().find("storage.k8s.io", "v1", "storageclasses")
      .orElseThrow();
  private final ResourceType claims = operations.registry().find("", "v1", "persistentvolumeclaims").orElseThrow();
  private final ResourceType volumes = operations.registry().find("", "v1", "persistentvolumes").orElseThrow();
  private final RequestContext user = RequestContext.forUser();

  private void storageClass(String name, String defaultAnnotation) {
    String annotations = defaultAnnotation == null ? "" : ",\"annotations\":{\"" + defaultAnnotation + "\":\"true\"}";
    operations.create(classes, "v1", "", parse("{\"apiVersion\":\"storage.k8s.io/v1\",\"kind\":\"StorageClass\","
        + "\"metadata\":{\"name\":\"" + name + "\"" + annotations + "},\"provisioner\":\"example.com/disk\"}"), user);
  }

  private JsonNode claim(String name, String specExtra, String metaExtra) {
    return operations.create(claims, "v1", "default", parse("{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\","
        + "\"metadata\":{\"name\":\"" + name + "\"" + metaExtra + "},\"spec\":{" + specExtra + "\"accessModes\":"
        + "[\"ReadWriteOnce\"],\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}}}"), user).object();
  }

  private static ObjectNode parse(String json) {
    return (ObjectNode) Json.parseTrusted(json.getBytes());
  }

  private static String className(JsonNode claim) {
    JsonNode name = claim.path("spec").get("storageClassName");
    return name == null ? null : name.asText();
  }

  @Test
  void aClaimWithoutAClassGetsTheDefaultOne() {
    storageClass("slow", null);
    storageClass("fast", DefaultStorageClass.DEFAULT_ANNOTATION);
    assertThat(className(claim("data", "", ""))).isEqualTo("fast");
    assertThat(className(claim("explicit", "\"storageClassName\":\"slow\",", ""))).isEqualTo("slow");
    assertThat(className(claim("none", "\"storageClassName\":\"\",", ""))).as("\"\" asks for no class").isEmpty();
    assertThat(className(claim("nulled", "\"storageClassName\":null,", ""))).isEqualTo("fast");
    assertThat(className(claim("beta", "", ",\"annotations\":{\"volume.beta.kubernetes.io/storage-class\":\"slow\"}")))
        .as("the beta annotation is a class too").isNull();
  }

  @Test
  void withoutADefaultClassTheClaimKeepsNone() {
    storageClass("slow", null);
    assertThat(className(claim("data", "", ""))).isNull();
  }

  @ParameterizedTest(name = "{0}, {1}s later {2}: {3}")
  @CsvSource({
      "older, 1, newer, newer",
      // created in the same second (timestamps have seconds), they tie and the first name wins
      "b, 0, a, a",
      "a, 0, b, a",
  })
  void ofSeveralDefaultsTheNewestWins(String first, long secondsLater, String second, String expected) {
    storageClass(first, DefaultStorageClass.DEFAULT_ANNOTATION);
    clock.advance(Duration.ofSeconds(secondsLater));
    storageClass(second, DefaultStorageClass.BETA_DEFAULT_ANNOTATION);
    assertThat(className(claim("data", "", ""))).isEqualTo(expected);
  }

  @Test
  void newClaimsAndVolumesGetTheirProtectionFinalizer() {
    JsonNode claim = claim("data", "", ",\"finalizers\":[\"example.com/keep\"]");
    assertThat(claim.path("metadata").path("finalizers")).extracting(JsonNode::asText)
        .containsExactly("example.com/keep", "kubernetes.io/pvc-protection");
    JsonNode pv = operations.create(volumes, "v1", "", parse("{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolume\","
        + "\"metadata\":{\"name\":\"pv1\",\"finalizers\":[\"kubernetes.io/pv-protection\"]},\"spec\":{\"capacity\":"
        + "{\"storage\":\"1Gi\"},\"accessModes\":[\"ReadWriteOnce\"],\"hostPath\":{\"path\":\"/data\"}}}"), user)
        .object();
    assertThat(pv.path("metadata").path("finalizers")).extracting(JsonNode::asText)
        .containsExactly("kubernetes.io/pv-protection");
  }
}
