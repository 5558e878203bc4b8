package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.time.VirtualClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EndpointsTest {
  private Emulator kube;
  private final RequestContext user = RequestContext.forUser();

  @BeforeEach
  void start() {
    kube = Emulator.builder().http(false).clock(new VirtualClock(Instant.parse("2025-06-30T23:59:59Z"))).start();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private ResourceType type(String group, String plural) {
    return kube.registry().find(group, "v1", plural).orElseThrow();
  }

  private void service() {
    ObjectNode svc = (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":"
        + "{\"name\":\"web\",\"labels\":{\"tier\":\"front\"}},\"spec\":{\"selector\":{\"app\":\"web\"},\"ports\":"
        + "[{\"name\":\"http\",\"port\":80,\"targetPort\":\"http\"}]}}").getBytes());
    kube.operations().create(type("", "services"), "v1", "default", svc, user);
  }

  /** A pod the scheduler and a kubelet run; a long readiness delay keeps it not ready. */
  private void pod(String name, boolean ready) {
    ResourceType pods = type("", "pods");
    String probe = ready ? "" : ",\"readinessProbe\":{\"httpGet\":{\"path\":\"/\",\"port\":8080},"
        + "\"initialDelaySeconds\":3600}";
    ObjectNode pod = (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
        + name + "\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\","
        + "\"ports\":[{\"name\":\"http\",\"containerPort\":8080}]" + probe + "}]}}").getBytes());
    kube.operations().create(pods, "v1", "default", pod, user);
  }

  private String ipOf(String name) {
    return kube.operations().getTree(type("", "pods"), "default", name).path("status").path("podIP").asText();
  }

  @Test
  void readyAndNotReadyPodsAppearInEndpointsAndSlices() {
    service();
    pod("web-a", true);
    pod("web-b", true);
    pod("web-c", false);
    kube.awaitIdle();

    JsonNode endpoints = kube.operations().getTree(type("", "endpoints"), "default", "web");
    JsonNode subset = endpoints.path("subsets").get(0);
    assertThat(subset.path("addresses")).extracting(a -> a.path("ip").asText())
        .containsExactlyInAnyOrder(ipOf("web-a"), ipOf("web-b"));
    assertThat(subset.path("notReadyAddresses").get(0).path("ip").asText()).isEqualTo(ipOf("web-c"));
    assertThat(subset.path("addresses").get(0).path("nodeName").asText()).startsWith("node-");
    assertThat(subset.path("ports").get(0).path("port").asInt()).isEqualTo(8080);
    assertThat(subset.path("ports").get(0).path("name").asText()).isEqualTo("http");
    assertThat(endpoints.path("metadata").path("labels").path("tier").asText()).isEqualTo("front");

    var slices = kube.operations().list(type("discovery.k8s.io", "endpointslices"), "default",
        ListOptions.everything()).items();
    assertThat(slices).hasSize(1);
    JsonNode slice = kube.operations().storageTree(slices.get(0));
    assertThat(slice.path("metadata").path("name").asText()).startsWith("web-");
    assertThat(slice.path("endpoints")).hasSize(3);
    assertThat(slice.path("metadata").path("labels").path("kubernetes.io/service-name").asText()).isEqualTo("web");
  }

  @Test
  void deletingTheServiceDeletesItsEndpoints() {
    service();
    pod("web-a", true);
    kube.awaitIdle();
    kube.operations().delete(type("", "services"), "v1", "default", "web",
        dev.kubemu.core.api.DeleteOptions.defaults(), user);
    kube.awaitIdle();
    assertThat(kube.store().get(type("", "endpoints").storageResource(), "default", "web")).isNull();
    assertThat(kube.operations().list(type("discovery.k8s.io", "endpointslices"), "default",
        ListOptions.everything()).items()).isEmpty();
  }
}
