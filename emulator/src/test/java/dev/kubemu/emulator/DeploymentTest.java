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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deployment rollouts through the real scheduler, simulated kubelets and ReplicaSet controller. */
class DeploymentTest {
  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-12-31T23:59:00Z"));
  private Emulator kube;
  private ResourceType deployments;
  private ResourceType replicaSets;
  private ResourceType pods;
  private final RequestContext user = RequestContext.forUser();

  @BeforeEach
  void start() {
    kube = Emulator.builder().http(false).clock(clock).start();
    deployments = kube.registry().find("apps", "v1", "deployments").orElseThrow();
    replicaSets = kube.registry().find("apps", "v1", "replicasets").orElseThrow();
    pods = kube.registry().find("", "v1", "pods").orElseThrow();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private void create(int replicas, String image) {
    create(replicas, image, "");
  }

  private void create(int replicas, String image, String containerExtra) {
    ObjectNode d = (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
        + "\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":"
        + "{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":"
        + "[{\"name\":\"web\",\"image\":\"" + image + "\"" + containerExtra + "}]}}}}").getBytes());
    kube.operations().create(deployments, "v1", "default", d, user);
  }

  /** Lets the scheduler, the kubelets and the controllers finish what they have to do. */
  private void settleWithReadyPods() {
    kube.awaitIdle();
  }

  private List<JsonNode> replicaSets() {
    return kube.operations().list(replicaSets, "default", ListOptions.everything()).items().stream()
        .map(kube.operations()::storageTree).toList();
  }

  @Test
  void recreateStartsNewPodsOnlyOnceTheOldOnesHaveStopped() {
    kube.close();
    kube = Emulator.builder().http(false).clock(clock).kubeletTimings(new dev.kubemu.kubelet.KubeletTimings(
        Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5))).start();
    create(2, "nginx:1.25", "");
    kube.operations().patch(deployments, "v1", "default", "web", PatchType.MERGE, Json.parseTrusted(
        "{\"spec\":{\"strategy\":{\"type\":\"Recreate\",\"rollingUpdate\":null}}}".getBytes()), user,
        Target.MAIN);
    settleWithReadyPods();
    kube.operations().patch(deployments, "v1", "default", "web", PatchType.MERGE, Json.parseTrusted(
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.26\"}]}}}}"
            .getBytes()), user, Target.MAIN);
    kube.awaitIdle();
    List<JsonNode> all = kube.operations().list(pods, "default", ListOptions.everything()).items().stream()
        .map(kube.operations()::storageTree).toList();
    assertThat(all).as("old pods still stopping, no new ones yet").hasSize(2)
        .allMatch(p -> p.path("metadata").has("deletionTimestamp"));
    clock.advance(Duration.ofSeconds(5));
    kube.awaitIdle();
    all = kube.operations().list(pods, "default", ListOptions.everything()).items().stream()
        .map(kube.operations()::storageTree).toList();
    assertThat(all).hasSize(2).allMatch(p -> p.path("spec").path("containers").get(0).path("image").asText()
        .equals("nginx:1.26") && p.path("status").path("phase").asText().equals("Running"));
  }

  @Test
  void aNewDeploymentRollsOutAndReportsCompletion() {
    create(3, "nginx:1.25");
    settleWithReadyPods();
    JsonNode d = kube.operations().getTree(deployments, "default", "web");
    JsonNode status = d.path("status");
    assertThat(status.path("replicas").asInt()).isEqualTo(3);
    assertThat(status.path("updatedReplicas").asInt()).isEqualTo(3);
    assertThat(status.path("availableReplicas").asInt()).isEqualTo(3);
    assertThat(status.path("observedGeneration").asInt()).isEqualTo(1);
    assertThat(status.path("conditions")).extracting(c -> c.path("type").asText() + "/" + c.path("reason").asText())
        .containsExactly("Available/MinimumReplicasAvailable", "Progressing/NewReplicaSetAvailable");
    assertThat(d.path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText())
        .isEqualTo("1");
    JsonNode rs = replicaSets().get(0);
    String hash = rs.path("metadata").path("labels").path("pod-template-hash").asText();
    assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]{6,10}");
    assertThat(rs.path("metadata").path("name").asText()).isEqualTo("web-" + hash);
  }

  @Test
  void changingTheTemplateRollsToANewReplicaSetAndKeepsTheOldOneAtZero() {
    create(4, "nginx:1.25");
    settleWithReadyPods();
    kube.operations().patch(deployments, "v1", "default", "web", PatchType.JSON, Json.parseTrusted(
        "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:1.26\"}]"
            .getBytes()), user, Target.MAIN);
    settleWithReadyPods();
    var sets = replicaSets();
    assertThat(sets).hasSize(2);
    assertThat(sets).extracting(rs -> rs.path("spec").path("replicas").asInt()).containsExactlyInAnyOrder(4, 0);
    JsonNode d = kube.operations().getTree(deployments, "default", "web");
    assertThat(d.path("metadata").path("annotations").path("deployment.kubernetes.io/revision").asText())
        .isEqualTo("2");
    assertThat(d.path("status").path("updatedReplicas").asInt()).isEqualTo(4);
    assertThat(kube.operations().list(pods, "default", ListOptions.everything()).items()).hasSize(4);
  }

  @Test
  void scalingTheDeploymentScalesItsReplicaSet() {
    create(2, "nginx:1.25");
    settleWithReadyPods();
    kube.operations().patchScale(deployments, "default", "web", PatchType.MERGE,
        Json.parseTrusted("{\"spec\":{\"replicas\":5}}".getBytes()), user);
    settleWithReadyPods();
    assertThat(replicaSets().get(0).path("spec").path("replicas").asInt()).isEqualTo(5);
    assertThat(kube.operations().getTree(deployments, "default", "web").path("status").path("availableReplicas")
        .asInt()).isEqualTo(5);
  }

  @Test
  void aStuckRolloutExceedsItsProgressDeadline() {
    create(2, "nginx:1.25", ",\"readinessProbe\":{\"httpGet\":{\"path\":\"/\",\"port\":80},"
        + "\"initialDelaySeconds\":3600}");
    kube.awaitIdle();
    clock.advance(Duration.ofSeconds(601));
    kube.awaitIdle();
    JsonNode d = kube.operations().getTree(deployments, "default", "web");
    JsonNode progressing = null;
    for (JsonNode c : d.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Progressing")) {
        progressing = c;
      }
    }
    assertThat(progressing).isNotNull();
    assertThat(progressing.path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
    assertThat(progressing.path("status").asText()).isEqualTo("False");
  }

  @Test
  void deletingTheDeploymentRemovesItsReplicaSetsAndPods() {
    create(2, "nginx:1.25");
    settleWithReadyPods();
    kube.operations().delete(deployments, "v1", "default", "web", DeleteOptions.defaults(), user);
    kube.awaitIdle();
    assertThat(replicaSets()).isEmpty();
    assertThat(kube.operations().list(pods, "default", ListOptions.everything()).items()).isEmpty();
  }
}
