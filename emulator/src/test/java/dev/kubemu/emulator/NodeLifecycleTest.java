package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.PatchType;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.object.FieldSelector;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.time.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What kubectl describe node shows about a node's life: the kubelet's and node controller's events, taints. */
class NodeLifecycleTest {
  private final VirtualClock clock = new VirtualClock(Instant.parse("2029-06-01T08:00:00Z"));
  private Emulator kube;
  private ResourceType nodes;
  private ResourceType events;

  @BeforeEach
  void start() {
    kube = Emulator.builder().http(false).systemAddons(false).nodes(2).clock(clock).start();
    nodes = kube.registry().find("", "v1", "nodes").orElseThrow();
    events = kube.registry().find("", "v1", "events").orElseThrow();
    kube.awaitIdle();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  /** The events describe node finds: by the node's uid (controllers) and by its name as uid (kubelet). */
  private List<String> nodeEvents(String node) {
    String uid = kube.operations().getTree(nodes, "", node).path("metadata").path("uid").asText();
    var reasons = new java.util.ArrayList<String>();
    for (String u : List.of(uid, node)) {
      var list = kube.operations().list(events, null, new ListOptions(LabelSelector.everything(),
          FieldSelector.parse("involvedObject.kind=Node,involvedObject.name=" + node + ",involvedObject.namespace=,"
              + "involvedObject.uid=" + u), 0, null, ""));
      for (var e : list.items()) {
        JsonNode event = kube.operations().storageTree(e);
        reasons.add(event.path("source").path("component").asText() + ":" + event.path("reason").asText()
            + (event.path("count").asInt() > 1 ? " x" + event.path("count").asInt() : ""));
      }
    }
    return reasons;
  }

  private void cordon(String node, boolean unschedulable) {
    kube.operations().patch(nodes, "v1", "", node, PatchType.MERGE, Json.parseTrusted(("{\"spec\":{\"unschedulable\":"
        + unschedulable + "}}").getBytes(StandardCharsets.UTF_8)), RequestContext.forUser(), Target.MAIN);
    kube.awaitIdle();
  }

  @Test
  void aStartingKubeletAnnouncesItsNodeAndTheControllerRegistersItAtItsNextPass() {
    assertThat(nodeEvents("node-1")).containsExactly("kubelet:Starting", "kubelet:NodeHasSufficientMemory",
        "kubelet:NodeHasNoDiskPressure", "kubelet:NodeHasSufficientPID", "kubelet:NodeAllocatableEnforced",
        "kubelet:NodeReady");
    clock.advance(Duration.ofSeconds(5));
    kube.awaitIdle();
    assertThat(nodeEvents("node-1")).startsWith("node-controller:RegisteredNode").hasSize(7);
  }

  @Test
  void cordonTaintsTheNodeAndTheKubeletReportsIt() {
    cordon("node-2", true);
    JsonNode taints = kube.operations().getTree(nodes, "", "node-2").path("spec").path("taints");
    assertThat(taints).hasSize(1);
    assertThat(taints.get(0).path("key").asText()).isEqualTo("node.kubernetes.io/unschedulable");
    assertThat(taints.get(0).path("effect").asText()).isEqualTo("NoSchedule");
    assertThat(taints.get(0).path("timeAdded").asText()).isEqualTo("2029-06-01T08:00:00Z");
    assertThat(nodeEvents("node-2")).endsWith("kubelet:NodeNotSchedulable");

    cordon("node-2", false);
    assertThat(kube.operations().getTree(nodes, "", "node-2").path("spec").has("taints")).isFalse();
    cordon("node-2", true);
    assertThat(nodeEvents("node-2")).contains("kubelet:NodeNotSchedulable x2", "kubelet:NodeSchedulable");
    assertThat(nodeEvents("node-1")).doesNotContain("kubelet:NodeNotSchedulable");
  }
}
