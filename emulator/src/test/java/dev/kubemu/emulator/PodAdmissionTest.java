package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What kube-apiserver's built-in admission plugins add to a new pod (service account, token volume, priority,
 * default tolerations) is stored, but belongs to no field manager: ownership is recorded before admission runs.
 */
class PodAdmissionTest {
  private Emulator kube;
  private ResourceType pods;

  @BeforeEach
  void start() {
    kube = Emulator.builder().http(false).systemAddons(false).nodes(1).start();
    pods = kube.registry().find("", "v1", "pods").orElseThrow();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private JsonNode create(String spec) {
    ObjectNode pod = (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":"
        + "\"web\"},\"spec\":" + spec + "}").getBytes(StandardCharsets.UTF_8));
    return kube.operations().create(pods, "v1", "default", pod, RequestContext.forUser()).object();
  }

  @Test
  void admissionAddsItsFieldsWithoutGivingThemToTheCreator() {
    JsonNode pod = create("{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}");
    JsonNode spec = pod.path("spec");
    assertThat(spec.path("serviceAccountName").asText()).isEqualTo("default");
    assertThat(spec.path("serviceAccount").asText()).isEqualTo("default");
    assertThat(spec.path("priority").asInt(-1)).isZero();
    assertThat(spec.path("preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
    assertThat(spec.path("tolerations")).hasSize(2);
    assertThat(spec.path("volumes").get(0).path("name").asText()).startsWith("kube-api-access-");

    JsonNode owned = pod.path("metadata").path("managedFields").get(0).path("fieldsV1").path("f:spec");
    // decoding defaults belong to the creator, as on a real cluster
    assertThat(owned.has("f:dnsPolicy")).isTrue();
    assertThat(owned.has("f:restartPolicy")).isTrue();
    assertThat(owned.has("f:terminationGracePeriodSeconds")).isTrue();
    for (String admitted : new String[] {"f:serviceAccountName", "f:serviceAccount", "f:priority",
        "f:preemptionPolicy", "f:tolerations", "f:volumes"}) {
      assertThat(owned.has(admitted)).as(admitted).isFalse();
    }
  }

  @Test
  void aServiceAccountTheCreatorNamesIsTheCreators() {
    JsonNode pod = create("{\"serviceAccountName\":\"default\",\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}");
    JsonNode owned = pod.path("metadata").path("managedFields").get(0).path("fieldsV1").path("f:spec");
    assertThat(owned.has("f:serviceAccountName")).isTrue();
    assertThat(owned.has("f:serviceAccount")).isTrue();
  }
}
