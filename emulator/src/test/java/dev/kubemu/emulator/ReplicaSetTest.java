package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.PatchType;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.time.VirtualClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplicaSetTest {
  private Emulator kube;
  private ResourceType replicaSets;
  private ResourceType pods;
  private final RequestContext user = RequestContext.forUser();

  @BeforeEach
  void start() {
    kube = Emulator.builder().http(false).clock(new VirtualClock(Instant.parse("2026-03-01T00:00:00Z"))).start();
    replicaSets = kube.registry().find("apps", "v1", "replicasets").orElseThrow();
    pods = kube.registry().find("", "v1", "pods").orElseThrow();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private void createReplicaSet(int replicas) {
    ObjectNode rs = (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\","
        + "\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":"
        + "{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":"
        + "[{\"name\":\"web\",\"image\":\"nginx:1.25\"}]}}}}").getBytes());
    kube.operations().create(replicaSets, "v1", "default", rs, user);
  }

  private int podCount() {
    return kube.operations().list(pods, "default", ListOptions.everything()).items().size();
  }

  @Test
  void createsPodsFromTheTemplateWithOwnerReferencesAndStatus() {
    createReplicaSet(3);
    kube.awaitIdle();
    var items = kube.operations().list(pods, "default", ListOptions.everything()).items();
    assertThat(items).hasSize(3);
    JsonNode pod = kube.operations().storageTree(items.get(0));
    assertThat(pod.path("metadata").path("name").asText()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
    JsonNode owner = pod.path("metadata").path("ownerReferences").get(0);
    assertThat(owner.path("kind").asText()).isEqualTo("ReplicaSet");
    assertThat(owner.path("controller").asBoolean()).isTrue();
    JsonNode rs = kube.operations().getTree(replicaSets, "default", "web");
    assertThat(rs.path("status").path("replicas").asInt()).isEqualTo(3);
    assertThat(rs.path("status").path("fullyLabeledReplicas").asInt()).isEqualTo(3);
    assertThat(rs.path("status").path("observedGeneration").asInt()).isEqualTo(1);
  }

  @Test
  void scalingDownDeletesSurplusPodsAndScalingUpReplacesDeletedOnes() {
    createReplicaSet(4);
    kube.awaitIdle();
    kube.operations().patchScale(replicaSets, "default", "web", PatchType.MERGE,
        Json.parseTrusted("{\"spec\":{\"replicas\":1}}".getBytes()), user);
    kube.awaitIdle();
    assertThat(podCount()).isEqualTo(1);
    String survivor = kube.operations().list(pods, "default", ListOptions.everything()).items().get(0).name();
    kube.operations().delete(pods, "v1", "default", survivor, DeleteOptions.defaults(), user);
    kube.awaitIdle();
    assertThat(podCount()).isEqualTo(1);
    assertThat(kube.operations().list(pods, "default", ListOptions.everything()).items().get(0).name())
        .isNotEqualTo(survivor);
  }

  @Test
  void readyPodsAreCountedAsReadyAndAvailable() {
    createReplicaSet(2);
    kube.awaitIdle();
    for (var stored : kube.operations().list(pods, "default", ListOptions.everything()).items()) {
      ObjectNode next = kube.store().mutableTree(stored);
      ObjectNode status = (ObjectNode) next.get("status");
      status.put("phase", "Running");
      ObjectNode ready = status.putArray("conditions").addObject();
      ready.put("type", "Ready");
      ready.put("status", "True");
      ready.put("lastTransitionTime", "2026-03-01T00:00:00Z");
      kube.operations().updateStored(pods, stored, next, user, Target.STATUS);
    }
    kube.awaitIdle();
    JsonNode rs = kube.operations().getTree(replicaSets, "default", "web");
    assertThat(rs.path("status").path("readyReplicas").asInt()).isEqualTo(2);
    assertThat(rs.path("status").path("availableReplicas").asInt()).isEqualTo(2);
  }
}
