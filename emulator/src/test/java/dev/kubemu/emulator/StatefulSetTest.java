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
import dev.kubemu.kubelet.KubeletTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** StatefulSets through the real scheduler and simulated kubelets: ordered members, claims, scaling, updates. */
class StatefulSetTest {
  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-31T23:59:00Z"));
  private final RequestContext user = RequestContext.forUser();
  private Emulator kube;
  private ResourceType statefulSets;
  private ResourceType pods;
  private ResourceType claims;
  private ResourceType revisions;
  private ResourceType events;

  /** Pods start after 2 s and stop after 3 s, so each ordered step is visible. */
  private void start() {
    kube = Emulator.builder().http(false).clock(clock)
        .kubeletTimings(new KubeletTimings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3)))
        .start();
    statefulSets = kube.registry().find("apps", "v1", "statefulsets").orElseThrow();
    pods = kube.registry().find("", "v1", "pods").orElseThrow();
    claims = kube.registry().find("", "v1", "persistentvolumeclaims").orElseThrow();
    revisions = kube.registry().find("apps", "v1", "controllerrevisions").orElseThrow();
    events = kube.registry().find("", "v1", "events").orElseThrow();
  }

  @AfterEach
  void stop() {
    if (kube != null) {
      kube.close();
    }
  }

  private void createSet(int replicas, String policy, String extraSpec) {
    ObjectNode set = (ObjectNode) Json.parseTrusted(("""
        {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},
         "spec":{"serviceName":"db","replicas":%d,"podManagementPolicy":"%s",
          "selector":{"matchLabels":{"app":"db"}},
          "volumeClaimTemplates":[{"metadata":{"name":"data","labels":{"tier":"storage"}},
            "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}],
          "template":{"metadata":{"labels":{"app":"db"}},"spec":{
            "volumes":[{"name":"init","emptyDir":{}}],
            "containers":[{"name":"db","image":"postgres:17",
              "volumeMounts":[{"name":"data","mountPath":"/var/lib/postgresql/data"}]}]}}%s}}
        """.formatted(replicas, policy, extraSpec)).getBytes());
    kube.operations().create(statefulSets, "v1", "default", set, user);
  }

  private List<JsonNode> all(ResourceType type) {
    return kube.operations().list(type, "default", ListOptions.everything()).items().stream()
        .map(kube.operations()::storageTree).toList();
  }

  private List<String> podNames() {
    return all(pods).stream().map(p -> p.path("metadata").path("name").asText()).sorted().toList();
  }

  private JsonNode pod(String name) {
    return find(pods, name);
  }

  /** The stored object, or null when there is none. */
  private JsonNode find(ResourceType type, String name) {
    var stored = kube.operations().store().get(type.storageResource(), "default", name);
    return stored == null ? null : kube.operations().storageTree(stored);
  }

  private boolean ready(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }

  private void step(int seconds) {
    clock.advance(Duration.ofSeconds(seconds));
    kube.awaitIdle();
  }

  /** Advances the clock a second at a time until {@code done} holds (at most two virtual minutes). */
  private void advanceUntil(java.util.function.BooleanSupplier done) {
    for (int i = 0; i < 120 && !done.getAsBoolean(); i++) {
      step(1);
    }
    assertThat(done.getAsBoolean()).as("reached within two virtual minutes").isTrue();
  }

  private JsonNode status() {
    return kube.operations().getTree(statefulSets, "default", "db").path("status");
  }

  private List<String> eventMessages() {
    return all(events).stream().map(e -> e.path("message").asText()).toList();
  }

  @Test
  void orderedReadyCreatesOneMemberAtATimeWithItsIdentityAndClaim() {
    start();
    createSet(3, "OrderedReady", "");
    kube.awaitIdle();
    assertThat(podNames()).containsExactly("db-0");
    JsonNode first = pod("db-0");
    assertThat(first.path("spec").path("hostname").asText()).isEqualTo("db-0");
    assertThat(first.path("spec").path("subdomain").asText()).isEqualTo("db");
    JsonNode labels = first.path("metadata").path("labels");
    assertThat(labels.path("statefulset.kubernetes.io/pod-name").asText()).isEqualTo("db-0");
    assertThat(labels.path("apps.kubernetes.io/pod-index").asText()).isEqualTo("0");
    String revision = labels.path("controller-revision-hash").asText();
    assertThat(revision).startsWith("db-");
    JsonNode volumes = first.path("spec").path("volumes");
    assertThat(volumes.get(0).path("name").asText()).isEqualTo("data");
    assertThat(volumes.get(0).path("persistentVolumeClaim").path("claimName").asText()).isEqualTo("data-db-0");
    assertThat(volumes.get(1).path("name").asText()).isEqualTo("init");
    JsonNode claim = find(claims, "data-db-0");
    assertThat(claim).isNotNull();
    assertThat(Json.string(claim.path("metadata").path("labels"))).isEqualTo("{\"tier\":\"storage\",\"app\":\"db\"}");
    assertThat(claim.path("metadata").has("ownerReferences")).as("Retain/Retain leaves claims unowned").isFalse();

    advanceUntil(() -> podNames().size() == 2);
    assertThat(ready(pod("db-0"))).as("db-1 waits for db-0 to be ready").isTrue();
    advanceUntil(() -> status().path("readyReplicas").asInt() == 3);
    assertThat(podNames()).containsExactly("db-0", "db-1", "db-2");
    JsonNode status = status();
    assertThat(status.path("replicas").asInt()).isEqualTo(3);
    assertThat(status.path("availableReplicas").asInt()).isEqualTo(3);
    assertThat(status.path("currentRevision").asText()).isEqualTo(revision);
    assertThat(status.path("updateRevision").asText()).isEqualTo(revision);
    assertThat(status.path("observedGeneration").asInt()).isEqualTo(1);
    assertThat(status.path("collisionCount").asInt()).isZero();
    assertThat(eventMessages()).contains("create Pod db-0 in StatefulSet db successful",
        "create Claim data-db-0 Pod db-0 in StatefulSet db success");
    List<JsonNode> history = all(revisions);
    assertThat(history).hasSize(1);
    assertThat(history.get(0).path("revision").asInt()).isEqualTo(1);
    assertThat(history.get(0).path("data").path("spec").path("template").path("$patch").asText()).isEqualTo("replace");
  }

  @Test
  void scalingDownRemovesTheHighestOrdinalFirstAndKeepsClaims() {
    start();
    createSet(3, "OrderedReady", "");
    advanceUntil(() -> status().path("readyReplicas").asInt() == 3);
    kube.operations().patchScale(statefulSets, "default", "db", PatchType.MERGE,
        Json.parseTrusted("{\"spec\":{\"replicas\":1}}".getBytes()), user);
    kube.awaitIdle();
    assertThat(pod("db-2").path("metadata").has("deletionTimestamp")).isTrue();
    assertThat(pod("db-1").path("metadata").has("deletionTimestamp")).as("one at a time").isFalse();
    advanceUntil(() -> podNames().equals(List.of("db-0")));
    assertThat(all(claims)).hasSize(3);
    assertThat(eventMessages()).contains("delete Pod db-2 in StatefulSet db successful",
        "delete Pod db-1 in StatefulSet db successful");
  }

  @Test
  void parallelCreatesEveryMemberAtOnce() {
    start();
    createSet(3, "Parallel", "");
    kube.awaitIdle();
    assertThat(podNames()).containsExactly("db-0", "db-1", "db-2");
  }

  @Test
  void aTemplateChangeRollsFromTheHighestOrdinalAndCompletesTheRevision() {
    start();
    createSet(3, "OrderedReady", "");
    advanceUntil(() -> status().path("readyReplicas").asInt() == 3);
    String before = status().path("currentRevision").asText();
    kube.operations().patch(statefulSets, "v1", "default", "db", PatchType.STRATEGIC, Json.parseTrusted(
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"db\",\"image\":\"postgres:18\"}]}}}}"
            .getBytes()), user, Target.MAIN);
    kube.awaitIdle();
    String after = status().path("updateRevision").asText();
    assertThat(after).isNotEqualTo(before);
    assertThat(pod("db-2").path("metadata").has("deletionTimestamp")).isTrue();
    assertThat(pod("db-1").path("metadata").has("deletionTimestamp")).isFalse();
    advanceUntil(() -> status().path("currentRevision").asText().equals(after)
        && status().path("readyReplicas").asInt() == 3);
    for (String name : List.of("db-0", "db-1", "db-2")) {
      JsonNode pod = pod(name);
      assertThat(pod.path("spec").path("containers").get(0).path("image").asText()).isEqualTo("postgres:18");
      assertThat(pod.path("metadata").path("labels").path("controller-revision-hash").asText()).isEqualTo(after);
    }
    assertThat(status().path("updatedReplicas").asInt()).isEqualTo(3);
    assertThat(status().path("currentReplicas").asInt()).isEqualTo(3);
    assertThat(all(revisions)).extracting(r -> r.path("revision").asInt()).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void aPartitionKeepsLowerOrdinalsAtTheCurrentRevision() {
    start();
    createSet(3, "OrderedReady", ",\"updateStrategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":"
        + "{\"partition\":2}}");
    advanceUntil(() -> status().path("readyReplicas").asInt() == 3);
    kube.operations().patch(statefulSets, "v1", "default", "db", PatchType.STRATEGIC, Json.parseTrusted(
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"db\",\"image\":\"postgres:18\"}]}}}}"
            .getBytes()), user, Target.MAIN);
    advanceUntil(() -> status().path("updatedReplicas").asInt() == 1 && status().path("readyReplicas").asInt() == 3);
    step(10);
    assertThat(pod("db-2").path("spec").path("containers").get(0).path("image").asText()).isEqualTo("postgres:18");
    assertThat(pod("db-1").path("spec").path("containers").get(0).path("image").asText()).isEqualTo("postgres:17");
    assertThat(status().path("currentReplicas").asInt()).isEqualTo(2);
    assertThat(status().path("currentRevision").asText()).isNotEqualTo(status().path("updateRevision").asText());
  }

  @Test
  void aDeletedMemberComesBackWithTheSameNameAndClaim() {
    start();
    createSet(1, "OrderedReady", "");
    advanceUntil(() -> status().path("readyReplicas").asInt() == 1);
    String uid = pod("db-0").path("metadata").path("uid").asText();
    kube.operations().delete(pods, "v1", "default", "db-0", DeleteOptions.defaults(), user);
    advanceUntil(() -> pod("db-0") != null && !pod("db-0").path("metadata").path("uid").asText().equals(uid)
        && ready(pod("db-0")));
    assertThat(all(claims)).hasSize(1);
  }

  @Test
  void retentionPolicyDeleteMakesTheSetOwnTheClaimsAndScaledAwayPodsOwnTheirs() {
    start();
    createSet(2, "OrderedReady", ",\"persistentVolumeClaimRetentionPolicy\":{\"whenDeleted\":\"Delete\","
        + "\"whenScaled\":\"Delete\"}");
    advanceUntil(() -> status().path("readyReplicas").asInt() == 2);
    JsonNode owner = kube.operations().getTree(claims, "default", "data-db-1").path("metadata")
        .path("ownerReferences").get(0);
    assertThat(owner.path("kind").asText()).isEqualTo("StatefulSet");
    assertThat(owner.path("controller").asBoolean()).isTrue();
    kube.operations().patchScale(statefulSets, "default", "db", PatchType.MERGE,
        Json.parseTrusted("{\"spec\":{\"replicas\":1}}".getBytes()), user);
    advanceUntil(() -> find(claims, "data-db-1") == null);
    assertThat(find(claims, "data-db-0")).isNotNull();
  }
}
