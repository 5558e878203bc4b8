package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.PatchType;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.object.FieldSelector;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.time.VirtualClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static final String INSUFFICIENT_MEMORY = "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 "
      + "nodes are available: 3 No preemption victims found for incoming pod.";
  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
  private Emulator kube;
  private ResourceType pods;
  private final RequestContext user = RequestContext.forUser();

  @BeforeEach
  void start() {
    kube = Emulator.builder().http(false).systemAddons(false).clock(clock).start();
    pods = kube.registry().find("", "v1", "pods").orElseThrow();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private void createPod(String name, String memory, String extraSpec) {
    ObjectNode pod = (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
        + name + "\"},\"spec\":{" + extraSpec + "\"containers\":[{\"name\":\"c\",\"image\":\"nginx\",\"resources\":"
        + "{\"requests\":{\"cpu\":\"50m\",\"memory\":\"" + memory + "\"}}}]}}").getBytes());
    kube.operations().create(pods, "v1", "default", pod, user);
  }

  private JsonNode pod(String name) {
    return kube.operations().getTree(pods, "default", name);
  }

  private static JsonNode scheduledCondition(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("PodScheduled")) {
        return c;
      }
    }
    return null;
  }

  private List<String> pending() {
    return kube.operations().list(pods, "default", ListOptions.everything()).items().stream()
        .map(kube.operations()::storageTree)
        .filter(p -> p.path("spec").path("nodeName").asText("").isEmpty())
        .map(p -> p.path("metadata").path("name").asText()).toList();
  }

  @Test
  void podsFillTheNodesAndTheRestStayPendingWithKubeSchedulersMessage() {
    for (int i = 0; i < 50; i++) {
      createPod(String.format("p%02d", i), "500Mi", "");
    }
    kube.awaitIdle();
    List<String> pending = pending();
    // 8Gi - 100Mi allocatable holds 16 pods of 500Mi per node
    assertThat(pending).hasSize(2);
    JsonNode condition = scheduledCondition(pod(pending.get(0)));
    assertThat(condition.path("status").asText()).isEqualTo("False");
    assertThat(condition.path("reason").asText()).isEqualTo("Unschedulable");
    assertThat(condition.path("message").asText()).isEqualTo(INSUFFICIENT_MEMORY);
    var events = kube.operations().list(kube.registry().find("", "v1", "events").orElseThrow(), "default",
        new ListOptions(LabelSelector.everything(), FieldSelector.parse("involvedObject.name=" + pending.get(0)
            + ",reason=FailedScheduling"), 0, null, "")).items();
    assertThat(events).hasSize(1);
    assertThat(kube.operations().storageTree(events.get(0)).path("message").asText()).isEqualTo(INSUFFICIENT_MEMORY);

    String victim = "p00";
    kube.operations().delete(pods, "v1", "default", victim, new DeleteOptions(0L, null, null, null, false), user);
    kube.awaitIdle();
    assertThat(pending()).as("still in their 1 s backoff").hasSize(2);
    clock.advance(java.time.Duration.ofSeconds(1));
    kube.awaitIdle();
    assertThat(pending()).hasSize(1);
  }

  @Test
  void podsSpreadAcrossNodes() {
    for (int i = 0; i < 6; i++) {
      createPod("p" + i, "100Mi", "");
    }
    kube.awaitIdle();
    var perNode = new java.util.HashMap<String, Integer>();
    for (int i = 0; i < 6; i++) {
      perNode.merge(pod("p" + i).path("spec").path("nodeName").asText(), 1, Integer::sum);
    }
    assertThat(perNode).containsOnlyKeys("node-1", "node-2", "node-3");
    assertThat(perNode.values()).containsOnly(2);
  }

  @Test
  void cordonedNodesAndSelectorsAndTaintsAreRespected() {
    var nodes = kube.registry().find("", "v1", "nodes").orElseThrow();
    for (String n : List.of("node-1", "node-2")) {
      kube.operations().patch(nodes, "v1", "", n, PatchType.MERGE,
          Json.parseTrusted("{\"spec\":{\"unschedulable\":true}}".getBytes()), user, Target.MAIN);
    }
    kube.operations().patch(nodes, "v1", "", "node-3", PatchType.MERGE, Json.parseTrusted(
        "{\"spec\":{\"taints\":[{\"key\":\"dedicated\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"}]}}".getBytes()),
        user, Target.MAIN);
    createPod("plain", "10Mi", "");
    createPod("picky", "10Mi", "\"nodeSelector\":{\"disk\":\"ssd\"},\"tolerations\":[{\"key\":\"dedicated\","
        + "\"operator\":\"Exists\"}],");
    kube.awaitIdle();
    assertThat(scheduledCondition(pod("plain")).path("message").asText()).isEqualTo("0/3 nodes are available: "
        + "1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) were unschedulable. preemption: 0/3 nodes are "
        + "available: 3 Preemption is not helpful for scheduling.");
    assertThat(scheduledCondition(pod("picky")).path("message").asText()).isEqualTo("0/3 nodes are available: "
        + "1 node(s) didn't match Pod's node affinity/selector, 2 node(s) were unschedulable. preemption: 0/3 nodes "
        + "are available: 3 Preemption is not helpful for scheduling.");

    kube.operations().patch(nodes, "v1", "", "node-1", PatchType.MERGE,
        Json.parseTrusted("{\"spec\":{\"unschedulable\":null}}".getBytes()), user, Target.MAIN);
    kube.awaitIdle();
    clock.advance(java.time.Duration.ofSeconds(1));
    kube.awaitIdle();
    assertThat(pod("plain").path("spec").path("nodeName").asText()).isEqualTo("node-1");
    assertThat(pod("picky").path("spec").path("nodeName").asText()).isEmpty();
  }

  @Test
  void tooManyPods() {
    kube.close();
    kube = Emulator.builder().http(false).systemAddons(false).nodes(1)
        .nodeShape(new dev.kubemu.kubelet.NodeShape(dev.kubemu.core.object.Quantity.parse("4"),
            dev.kubemu.core.object.Quantity.parse("8Gi"), 2, dev.kubemu.core.object.Quantity.parse("10Gi")))
        .clock(new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"))).start();
    for (int i = 0; i < 3; i++) {
      createPod("p" + i, "1Mi", "");
    }
    kube.awaitIdle();
    assertThat(scheduledCondition(pod("p2")).path("message").asText()).isEqualTo("0/1 nodes are available: "
        + "1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
  }

  @Test
  void aPodOnANodeThatDoesNotExistNeitherBreaksSchedulingNorBecomesACandidate() {
    createPod("ghost-pod", "500Mi", "\"nodeName\":\"ghost\",");
    createPod("web", "500Mi", "");
    kube.awaitIdle();
    assertThat(pod("web").path("spec").path("nodeName").asText()).startsWith("node-");
    assertThat(pod("ghost-pod").path("spec").path("nodeName").asText()).isEqualTo("ghost");
    // once the pod on the missing node is gone, its placeholder goes too and scheduling carries on
    kube.operations().delete(pods, "v1", "default", "ghost-pod", new DeleteOptions(0L, null, null, null, false), user);
    createPod("web-2", "500Mi", "");
    kube.awaitIdle();
    assertThat(pod("web-2").path("spec").path("nodeName").asText()).startsWith("node-");
  }

  @Test
  void aPodWhoseClaimIsMissingIsUnschedulableWhateverTheNodes() {
    ObjectNode pod = (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":"
        + "\"db\"},\"spec\":{\"preemptionPolicy\":\"Never\",\"containers\":[{\"name\":\"c\",\"image\":\"postgres\"}],"
        + "\"volumes\":[{\"name\":\"data\",\"persistentVolumeClaim\":{\"claimName\":\"pgdata\"}}]}}").getBytes());
    kube.operations().create(pods, "v1", "default", pod, user);
    kube.awaitIdle();
    assertThat(scheduledCondition(pod("db")).path("message").asText()).isEqualTo("0/3 nodes are available: "
        + "persistentvolumeclaim \"pgdata\" not found. preemption: not eligible due to preemptionPolicy=Never.");
  }
}
