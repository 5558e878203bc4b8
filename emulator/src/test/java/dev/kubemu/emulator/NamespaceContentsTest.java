package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.PatchType;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.GroupResource;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.time.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every namespace of a real cluster holds from the start: the default ServiceAccount and kube-root-ca.crt. */
class NamespaceContentsTest {
  private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  private final RequestContext user = RequestContext.forUser();
  private Emulator kube;
  private ResourceType namespaces;
  private ResourceType configMaps;
  private ResourceType serviceAccounts;

  @BeforeEach
  void start() {
    kube = Emulator.builder().http(false).systemAddons(false).nodes(0).clusterCa(CA)
        .clock(new VirtualClock(Instant.parse("2030-03-01T00:00:00Z"))).start();
    namespaces = kube.registry().find("", "v1", "namespaces").orElseThrow();
    configMaps = kube.registry().find("", "v1", "configmaps").orElseThrow();
    serviceAccounts = kube.registry().find("", "v1", "serviceaccounts").orElseThrow();
    kube.awaitIdle();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private void createNamespace(String name) {
    ObjectNode ns = (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":"
        + "{\"name\":\"" + name + "\"}}").getBytes(StandardCharsets.UTF_8));
    kube.operations().create(namespaces, "v1", "", ns, user);
    kube.awaitIdle();
  }

  private boolean exists(String resource, String namespace, String name) {
    return kube.store().get(new GroupResource("", resource), namespace, name) != null;
  }

  @Test
  void aNewNamespaceGetsTheDefaultServiceAccountAndTheRootCa() {
    createNamespace("demo");
    assertThat(exists("serviceaccounts", "demo", "default")).isTrue();
    JsonNode cm = kube.operations().getTree(configMaps, "demo", "kube-root-ca.crt");
    assertThat(cm.path("data").path("ca.crt").asText()).isEqualTo(CA);
    assertThat(cm.path("metadata").path("annotations").path("kubernetes.io/description").asText())
        .startsWith("Contains a CA bundle that can be used to verify the kube-apiserver");
    for (String system : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
      assertThat(exists("configmaps", system, "kube-root-ca.crt")).as(system).isTrue();
    }
  }

  @Test
  void deletedOrEditedOnesComeBack() {
    createNamespace("demo");
    kube.operations().delete(serviceAccounts, "v1", "demo", "default", DeleteOptions.defaults(), user);
    kube.operations().patch(configMaps, "v1", "demo", "kube-root-ca.crt", PatchType.MERGE, Json.parseTrusted(
        "{\"data\":{\"ca.crt\":\"tampered\",\"extra\":\"x\"}}".getBytes(StandardCharsets.UTF_8)), user, Target.MAIN);
    kube.awaitIdle();
    assertThat(exists("serviceaccounts", "demo", "default")).isTrue();
    JsonNode data = kube.operations().getTree(configMaps, "demo", "kube-root-ca.crt").path("data");
    assertThat(data.path("ca.crt").asText()).isEqualTo(CA);
    assertThat(data.has("extra")).isFalse();
  }

  @Test
  void aDeletedNamespaceIsEmptiedAndNotRefilled() {
    createNamespace("gone");
    kube.operations().delete(namespaces, "v1", "", "gone", DeleteOptions.defaults(), user);
    kube.awaitIdle();
    assertThat(exists("namespaces", "", "gone")).isFalse();
    assertThat(exists("serviceaccounts", "gone", "default")).isFalse();
    assertThat(exists("configmaps", "gone", "kube-root-ca.crt")).isFalse();
  }
}
