package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.object.FieldSelector;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.registry.GroupResource;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.time.VirtualClock;
import dev.kubemu.kubelet.KubeletTimings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KubeletTest {
  private final VirtualClock clock = new VirtualClock(Instant.parse("2028-02-29T12:00:00Z"));
  private Emulator kube;
  private final RequestContext user = RequestContext.forUser();

  @AfterEach
  void stop() {
    kube.close();
  }

  private ResourceType pods() {
    return kube.registry().find("", "v1", "pods").orElseThrow();
  }

  private void createPod(String name, String node, String readinessDelay) {
    String probe = readinessDelay == null ? "" : ",\"readinessProbe\":{\"httpGet\":{\"path\":\"/\",\"port\":80},"
        + "\"initialDelaySeconds\":" + readinessDelay + "}";
    ObjectNode pod = (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
        + name + "\"},\"spec\":{\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.25\""
        + probe + "}]}}").getBytes());
    kube.operations().create(pods(), "v1", "default", pod, user);
  }

  private JsonNode pod(String name) {
    return kube.operations().getTree(pods(), "default", name);
  }

  @Test
  void aBoundPodGoesThroughContainerCreatingToRunningAndReady() {
    kube = Emulator.builder().http(false).clock(clock).kubeletTimings(new KubeletTimings(Duration.ofSeconds(2),
        Duration.ofSeconds(1), Duration.ofSeconds(1))).start();
    createPod("web", "node-2", null);
    kube.awaitIdle();
    JsonNode creating = pod("web");
    assertThat(creating.path("status").path("phase").asText()).isEqualTo("Pending");
    assertThat(creating.path("status").path("containerStatuses").get(0).path("state").path("waiting")
        .path("reason").asText()).isEqualTo("ContainerCreating");
    assertThat(creating.path("status").path("hostIP").asText()).isEqualTo("172.18.0.3");

    clock.advance(Duration.ofSeconds(3));
    kube.awaitIdle();
    JsonNode running = pod("web");
    assertThat(running.path("status").path("phase").asText()).isEqualTo("Running");
    assertThat(running.path("status").path("podIP").asText()).isEqualTo("10.244.1.2");
    assertThat(running.path("status").path("conditions")).extracting(c -> c.path("type").asText() + "="
        + c.path("status").asText()).containsExactly("PodReadyToStartContainers=True", "Initialized=True",
        "Ready=True", "ContainersReady=True", "PodScheduled=True");
    assertThat(running.path("status").path("containerStatuses").get(0).path("image").asText())
        .isEqualTo("docker.io/library/nginx:1.25");

    var events = kube.operations().list(kube.registry().find("", "v1", "events").orElseThrow(), "default",
        new ListOptions(LabelSelector.everything(), FieldSelector.parse("involvedObject.name=web"), 0, null, ""));
    assertThat(events.items()).extracting(e -> kube.operations().storageTree(e).path("reason").asText())
        .contains("Pulling", "Pulled", "Created", "Started");
  }

  @Test
  void readinessWaitsForTheProbesInitialDelay() {
    kube = Emulator.builder().http(false).clock(clock).start();
    createPod("web", "node-1", "15");
    kube.awaitIdle();
    assertThat(pod("web").path("status").path("phase").asText()).isEqualTo("Running");
    assertThat(pod("web").path("status").path("containerStatuses").get(0).path("ready").asBoolean()).isFalse();
    clock.advance(Duration.ofSeconds(15));
    kube.awaitIdle();
    assertThat(pod("web").path("status").path("containerStatuses").get(0).path("ready").asBoolean()).isTrue();
  }

  @Test
  void deletionIsGracefulAndEndsWithTheRemoval() {
    kube = Emulator.builder().http(false).clock(clock).kubeletTimings(new KubeletTimings(Duration.ZERO,
        Duration.ZERO, Duration.ofSeconds(2))).start();
    createPod("web", "node-1", null);
    kube.awaitIdle();
    var result = kube.operations().delete(pods(), "v1", "default", "web", DeleteOptions.defaults(), user);
    assertThat(result.removed()).isFalse();
    kube.awaitIdle();
    assertThat(pod("web").path("metadata").has("deletionTimestamp")).isTrue();
    var seen = new java.util.concurrent.CopyOnWriteArrayList<JsonNode>();
    try (var watch = kube.store().watch(new GroupResource("", "pods"), "default", kube.store().revision(),
        Runnable::run, e -> seen.add(kube.store().tree(e.object())))) {
      clock.advance(Duration.ofSeconds(2));
      kube.awaitIdle();
    }
    assertThat(kube.store().get(new GroupResource("", "pods"), "default", "web")).isNull();
    // since 1.27 a kubelet reports the terminal phase before it removes the pod: kubectl shows 0/1 Completed
    JsonNode last = seen.get(seen.size() - 1);
    assertThat(last.path("status").path("phase").asText()).isEqualTo("Succeeded");
    JsonNode container = last.path("status").path("containerStatuses").get(0);
    assertThat(container.path("state").path("terminated").path("reason").asText()).isEqualTo("Completed");
    assertThat(container.path("ready").asBoolean()).isFalse();
  }

  @Test
  void aPodDeletedBeforeItsContainersRanEndsFailed() {
    kube = Emulator.builder().http(false).clock(clock).kubeletTimings(new KubeletTimings(Duration.ofSeconds(30),
        Duration.ZERO, Duration.ZERO)).start();
    createPod("web", "node-1", null);
    kube.awaitIdle();
    var seen = new java.util.concurrent.CopyOnWriteArrayList<JsonNode>();
    try (var watch = kube.store().watch(new GroupResource("", "pods"), "default", kube.store().revision(),
        Runnable::run, e -> seen.add(kube.store().tree(e.object())))) {
      kube.operations().delete(pods(), "v1", "default", "web", DeleteOptions.defaults(), user);
      kube.awaitIdle();
    }
    assertThat(kube.store().get(new GroupResource("", "pods"), "default", "web")).isNull();
    JsonNode last = seen.get(seen.size() - 1);
    assertThat(last.path("status").path("phase").asText()).isEqualTo("Failed");
    assertThat(last.path("status").path("containerStatuses").get(0).path("state").path("waiting").path("reason")
        .asText()).isEqualTo("ContainerCreating");
  }

  private void createFinitePod(String name, String restartPolicy, String script) {
    ObjectNode pod = (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
        + name + "\"},\"spec\":{\"nodeName\":\"node-1\",\"restartPolicy\":\"" + restartPolicy + "\",\"containers\":"
        + "[{\"name\":\"c\",\"image\":\"busybox:1.36\",\"command\":[\"sh\",\"-c\",\"" + script + "\"]}]}}")
        .getBytes());
    kube.operations().create(pods(), "v1", "default", pod, user);
  }

  @Test
  void aCommandThatEndsCompletesThePodWhenItIsNotRestarted() {
    kube = Emulator.builder().http(false).clock(clock).start();
    createFinitePod("once", "Never", "echo hi");
    createFinitePod("broken", "Never", "echo oops; exit 2");
    kube.awaitIdle();
    JsonNode once = pod("once").path("status");
    assertThat(once.path("phase").asText()).isEqualTo("Succeeded");
    assertThat(once.path("containerStatuses").get(0).path("state").path("terminated").path("reason").asText())
        .isEqualTo("Completed");
    JsonNode broken = pod("broken").path("status");
    assertThat(broken.path("phase").asText()).isEqualTo("Failed");
    assertThat(broken.path("containerStatuses").get(0).path("state").path("terminated").path("exitCode").asInt())
        .isEqualTo(2);
  }

  @Test
  void aRestartedContainerThatKeepsEndingCrashLoopsWithGrowingBackOff() {
    kube = Emulator.builder().http(false).clock(clock).start();
    createFinitePod("loop", "Always", "echo hi");
    kube.awaitIdle();
    JsonNode c = pod("loop").path("status").path("containerStatuses").get(0);
    assertThat(pod("loop").path("status").path("phase").asText()).isEqualTo("Running");
    assertThat(c.path("restartCount").asInt()).isEqualTo(1);
    assertThat(c.path("state").path("waiting").path("reason").asText()).isEqualTo("CrashLoopBackOff");
    assertThat(c.path("lastState").path("terminated").path("reason").asText()).isEqualTo("Completed");
    clock.advance(Duration.ofSeconds(10));
    kube.awaitIdle();
    c = pod("loop").path("status").path("containerStatuses").get(0);
    assertThat(c.path("restartCount").asInt()).isEqualTo(2);
    assertThat(c.path("state").path("waiting").path("message").asText()).startsWith("back-off 20s restarting failed "
        + "container=c pod=loop_default(");
    var events = kube.operations().list(kube.registry().find("", "v1", "events").orElseThrow(), "default",
        new ListOptions(LabelSelector.everything(), FieldSelector.parse("involvedObject.name=loop,reason=BackOff"), 0,
            null, "")).items();
    assertThat(events).hasSize(1);
    assertThat(kube.operations().storageTree(events.get(0)).path("count").asInt()).isEqualTo(2);
  }

  @Test
  void nodeLeasesAreRenewed() {
    kube = Emulator.builder().http(false).clock(clock).start();
    var leases = kube.registry().find("coordination.k8s.io", "v1", "leases").orElseThrow();
    String before = kube.operations().getTree(leases, "kube-node-lease", "node-1").path("spec").path("renewTime")
        .asText();
    clock.advance(Duration.ofSeconds(10));
    kube.awaitIdle();
    String after = kube.operations().getTree(leases, "kube-node-lease", "node-1").path("spec").path("renewTime")
        .asText();
    assertThat(after).isNotEqualTo(before);
  }
}
