package dev.kubemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubemu.conformance.harness.Clients;
import dev.kubemu.conformance.harness.CommandResult;
import dev.kubemu.conformance.harness.KubectlClient;
import dev.kubemu.conformance.harness.LiveClusterTest;
import dev.kubemu.conformance.harness.Poll;
import dev.kubemu.conformance.harness.Tables;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manual-scaling workshop flow through real kubectl: deployments scale onto finite nodes, pods run with IPs and
 * endpoints, extra pods stay Pending with kube-scheduler's reason, rollouts and rollbacks, cascading deletes.
 */
class WorkloadsTest extends LiveClusterTest {
  private static final Duration SETTLE = Duration.ofSeconds(30);
  private static String deployment(String name, String ns, String memory) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: NAME
          namespace: NS
        spec:
          replicas: 1
          selector:
            matchLabels: {app: NAME}
          template:
            metadata:
              labels: {app: NAME}
            spec:
              containers:
              - name: api
                image: ghcr.io/example/api:1.0
                ports:
                - containerPort: 8000
                resources:
                  requests: {cpu: 50m, memory: MEM}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: NAME
          namespace: NS
        spec:
          selector: {app: NAME}
          ports:
          - port: 80
            targetPort: 8000
        """.replace("NAME", name).replace("NS", ns).replace("MEM", memory);
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void scaleRolloutStatusAndEndpoints(KubectlClient kubectl) {
    String ns = "w" + kubectl.version().replace('.', '-');
    ok(kubectl, "create", "namespace", ns);
    ok(kubectl, "apply", "-f", cluster.file(ns + ".yaml", deployment("api", ns, "50Mi")).toString());
    assertThat(ok(kubectl, "scale", "deployment", "api", "--replicas", "4", "-n", ns).stdout())
        .contains("deployment.apps/api scaled");
    assertThat(ok(kubectl, "rollout", "status", "deployment/api", "-n", ns, "--timeout=60s").stdout())
        .contains("deployment \"api\" successfully rolled out");
    String pods = ok(kubectl, "get", "pods", "-o", "wide", "-n", ns).stdout();
    assertThat(Tables.header(pods)).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE",
        "NOMINATED NODE", "READINESS GATES");
    List<List<String>> rows = Tables.rows(pods).subList(1, Tables.rows(pods).size());
    assertThat(rows).hasSize(4);
    for (List<String> row : rows) {
      assertThat(row.get(0)).matches("api-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}");
      assertThat(row.subList(1, 3)).containsExactly("1/1", "Running");
      assertThat(row.get(5)).matches("10\\.244\\.\\d+\\.\\d+");
      assertThat(row.get(6)).matches("node-\\d");
    }
    String endpoints = Poll.until(SETTLE, () -> ok(kubectl, "get", "endpoints", "api", "-n", ns).stdout(),
        out -> out.contains("+ 1 more..."), "4 endpoint addresses");
    assertThat(Tables.row(endpoints, "api").get(1)).matches("(10\\.244\\.\\d+\\.\\d+:8000,){2}10\\.244\\.\\d+\\.\\d+"
        + ":8000 \\+ 1 more\\.\\.\\.");
  }

  @Test
  void podsBeyondCapacityStayPendingAndSayWhy() {
    KubectlClient kubectl = Clients.latest();
    String ns = "capacity";
    ok(kubectl, "create", "namespace", ns);
    ok(kubectl, "apply", "-f", cluster.file("capacity.yaml", deployment("big", ns, "500Mi")).toString());
    ok(kubectl, "scale", "deployment", "big", "--replicas", "60", "-n", ns);
    String pending = Poll.until(SETTLE, () -> ok(kubectl, "get", "pods", "-n", ns,
        "--field-selector=status.phase=Pending", "-o", "name").stdout(), out -> !out.isBlank(), "pending pods");
    String pod = pending.lines().findFirst().orElseThrow();
    String describe = Poll.until(SETTLE, () -> ok(kubectl, "describe", pod, "-n", ns).stdout(),
        out -> out.contains("FailedScheduling"), "a FailedScheduling event");
    assertThat(describe).containsPattern("PodScheduled\\s+False");
    assertThat(describe).contains("default-scheduler",
        "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption "
            + "victims found for incoming pod.");
    String nodes = ok(kubectl, "describe", "nodes").stdout();
    assertThat(nodes).contains("Allocated resources:", "Non-terminated Pods:");
    int pendingBefore = pending.lines().toList().size();

    // the seed's experiment: a larger memory request rolls out a new ReplicaSet and leaves more pods Pending
    assertThat(ok(kubectl, "patch", "deployment", "big", "-n", ns, "-p", "{\"spec\":{\"template\":{\"spec\":"
        + "{\"containers\":[{\"name\":\"api\",\"resources\":{\"requests\":{\"memory\":\"600Mi\"}}}]}}}}")
        .stdout()).contains("deployment.apps/big patched");
    String morePending = Poll.until(SETTLE, () -> ok(kubectl, "get", "pods", "-n", ns,
        "--field-selector=status.phase=Pending", "-o", "name").stdout(),
        out -> out.lines().count() > pendingBefore, "more pending pods than the " + pendingBefore + " before");
    assertThat(Tables.rows(ok(kubectl, "get", "rs", "-n", ns).stdout())).hasSize(3);
    String newPod = morePending.lines().filter(p -> !pending.contains(p)).findFirst().orElseThrow();
    assertThat(Poll.until(SETTLE, () -> ok(kubectl, "describe", newPod, "-n", ns).stdout(),
        out -> out.contains("FailedScheduling"), "a FailedScheduling event for " + newPod))
        .containsPattern("memory:\\s+600Mi").contains("Insufficient memory");

    ok(kubectl, "scale", "deployment", "big", "--replicas", "10", "-n", ns);
    Poll.until(SETTLE, () -> ok(kubectl, "get", "pods", "-n", ns, "--field-selector=status.phase=Pending",
        "-o", "name").stdout(), String::isBlank, "no pending pods after scaling down");
    ok(kubectl, "delete", "namespace", ns);
    Poll.until(SETTLE, () -> kubectl.run(cluster.kubeconfig(), "get", "namespace", ns).exitCode(), rc -> rc != 0,
        "namespace " + ns + " gone");
  }

  @Test
  void rolloutUndoAndCascadingDelete() {
    KubectlClient kubectl = Clients.latest();
    String ns = "rollouts";
    ok(kubectl, "create", "namespace", ns);
    ok(kubectl, "apply", "-f", cluster.file("rollouts.yaml", deployment("web", ns, "64Mi")).toString());
    ok(kubectl, "rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
    ok(kubectl, "set", "image", "deployment/web", "api=ghcr.io/example/api:2.0", "-n", ns);
    ok(kubectl, "rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
    assertThat(Tables.rows(ok(kubectl, "get", "rs", "-n", ns).stdout())).hasSize(3);
    assertThat(ok(kubectl, "rollout", "undo", "deployment/web", "-n", ns).stdout()).contains("rolled back");
    ok(kubectl, "rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
    String image = ok(kubectl, "get", "deployment", "web", "-n", ns, "-o",
        "jsonpath={.spec.template.spec.containers[0].image}").stdout();
    assertThat(image).isEqualTo("ghcr.io/example/api:1.0");
    assertThat(Tables.rows(ok(kubectl, "get", "rs", "-n", ns).stdout())).hasSize(3);
    // the undo moved revision 1 to revision 3
    String history = ok(kubectl, "rollout", "history", "deployment/web", "-n", ns).stdout();
    assertThat(history).startsWith("deployment.apps/web \nREVISION  CHANGE-CAUSE\n");
    assertThat(Tables.rows(history).subList(2, 4)).containsExactly(List.of("2", "<none>"), List.of("3", "<none>"));
    assertThat(ok(kubectl, "rollout", "history", "deployment/web", "-n", ns, "--revision=3").stdout())
        .contains("deployment.apps/web with revision #3", "Image:\tghcr.io/example/api:1.0");

    // paused: template changes wait for resume
    assertThat(ok(kubectl, "rollout", "pause", "deployment/web", "-n", ns).stdout())
        .isEqualTo("deployment.apps/web paused\n");
    ok(kubectl, "set", "image", "deployment/web", "api=ghcr.io/example/api:3.0", "-n", ns);
    assertThat(Poll.until(SETTLE, () -> ok(kubectl, "describe", "deployment", "web", "-n", ns).stdout(),
        out -> out.contains("DeploymentPaused"), "the Progressing condition to say DeploymentPaused"))
        .containsPattern("Progressing\\s+Unknown\\s+DeploymentPaused");
    assertThat(Tables.rows(ok(kubectl, "get", "rs", "-n", ns).stdout())).hasSize(3);
    assertThat(ok(kubectl, "rollout", "resume", "deployment/web", "-n", ns).stdout())
        .isEqualTo("deployment.apps/web resumed\n");
    ok(kubectl, "rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
    assertThat(Tables.rows(ok(kubectl, "get", "rs", "-n", ns).stdout())).hasSize(4);

    // restart: a new ReplicaSet with the restartedAt annotation in its template
    assertThat(ok(kubectl, "rollout", "restart", "deployment/web", "-n", ns).stdout())
        .isEqualTo("deployment.apps/web restarted\n");
    assertThat(ok(kubectl, "rollout", "status", "deployment/web", "-n", ns, "--timeout=60s").stdout())
        .endsWith("deployment \"web\" successfully rolled out\n");
    assertThat(Tables.rows(ok(kubectl, "get", "rs", "-n", ns).stdout())).hasSize(5);
    assertThat(ok(kubectl, "get", "pods", "-n", ns, "-o",
        "jsonpath={.items[*].metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}").stdout()).isNotBlank();
    String describe = ok(kubectl, "describe", "deployment", "web", "-n", ns).stdout();
    assertThat(describe).contains("NewReplicaSet:", "ScalingReplicaSet");
    assertThat(describe).containsPattern("Available\\s+True\\s+MinimumReplicasAvailable");
    ok(kubectl, "delete", "deployment", "web", "-n", ns);
    Poll.until(SETTLE, () -> ok(kubectl, "get", "rs,pods", "-n", ns).stderr(), err -> err.contains(
        "No resources found"), "replica sets and pods deleted with their deployment");
  }

  /**
   * The rows a real cluster prints for a pod's life: created (Pending), bound (Pending), sandbox being created
   * (ContainerCreating), running; deleted: Terminating, then the terminal phase the kubelet reports (Completed).
   */
  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void watchShowsTheLifecycleOfAPod(KubectlClient kubectl) {
    String ns = "watch-" + kubectl.version().replace('.', '-');
    ok(kubectl, "create", "namespace", ns);
    ok(kubectl, "run", "anchor", "--image=nginx:1.27", "--labels=watched=yes", "-n", ns);
    try (var watch = kubectl.start(cluster.kubeconfig(), "get", "pods", "-l", "watched=yes", "-w", "-n", ns)) {
      // once the initial list is printed the watch continues from its resourceVersion: nothing after is missed
      watch.awaitLine("anchor", SETTLE);
      ok(kubectl, "run", "pod", "--image=nginx:1.27", "--labels=watched=yes", "-n", ns);
      List<String> cells = List.of();
      var seen = new java.util.ArrayList<String>();
      while (!cells.contains("Running")) {
        cells = Tables.rows(watch.awaitLine("pod ", SETTLE)).get(0);
        assertThat(cells.get(0)).isEqualTo("pod");
        seen.add(cells.get(1) + " " + cells.get(2) + " " + cells.get(3));
      }
      assertThat(seen).containsExactly("0/1 Pending 0", "0/1 Pending 0", "0/1 ContainerCreating 0",
          "1/1 Running 0");
      ok(kubectl, "delete", "pod", "pod", "-n", ns, "--wait=false");
      assertThat(Tables.rows(watch.awaitLine("pod ", SETTLE)).get(0).subList(1, 3))
          .containsExactly("1/1", "Terminating");
      assertThat(Tables.rows(watch.awaitLine("pod ", SETTLE)).get(0).subList(1, 3))
          .containsExactly("0/1", "Completed");
    }
  }

  @Test
  void drainEvictsWithinTheDisruptionBudgetAndUncordonRestoresScheduling() {
    KubectlClient kubectl = Clients.latest();
    String ns = "draining";
    ok(kubectl, "create", "namespace", ns);
    ok(kubectl, "create", "deployment", "web", "--image=nginx:1.25", "--replicas=6", "-n", ns);
    ok(kubectl, "create", "pdb", "web", "--selector=app=web", "--min-available=5", "-n", ns);
    ok(kubectl, "rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
    Poll.until(SETTLE, () -> ok(kubectl, "get", "pdb", "web", "-n", ns).stdout(),
        out -> Tables.row(out, "web").get(3).equals("1"), "one allowed disruption");
    String node = "node-2";
    assertThat(ok(kubectl, "cordon", node).stdout()).contains("node/" + node + " cordoned");
    assertThat(Tables.row(ok(kubectl, "get", "nodes").stdout(), node).get(1)).isEqualTo("Ready,SchedulingDisabled");
    assertThat(Poll.until(SETTLE, () -> ok(kubectl, "describe", "node", node).stdout(),
        out -> out.contains("NodeNotSchedulable") && out.contains("unschedulable:NoSchedule"), "cordon to show"))
        .containsPattern("Taints:\\s+node.kubernetes.io/unschedulable:NoSchedule\n")
        .containsPattern("Unschedulable:\\s+true\n")
        .containsPattern("Normal\\s+NodeNotSchedulable\\s+\\S+\\s+kubelet\\s+Node " + node
            + " status is now: NodeNotSchedulable\n");
    CommandResult drain = kubectl.run(cluster.kubeconfig(), "drain", node, "--ignore-daemonsets",
        "--delete-emptydir-data", "--timeout=90s");
    assertThat(drain.exitCode()).as(drain.describe()).isZero();
    assertThat(drain.stdout()).contains("node/" + node + " drained");
    String pods = ok(kubectl, "get", "pods", "-o", "wide", "-n", ns).stdout();
    assertThat(pods).doesNotContain(node);
    ok(kubectl, "uncordon", node);
    assertThat(Tables.row(ok(kubectl, "get", "nodes").stdout(), node).get(1)).isEqualTo("Ready");
    // repeated events are aggregated as by client-go's recorder: (x2 over ...)
    ok(kubectl, "cordon", node);
    Poll.until(SETTLE, () -> ok(kubectl, "describe", "node", node).stdout(),
        out -> out.matches("(?s).*NodeNotSchedulable\\s+\\S+ \\(x2 over .*"), "a second NodeNotSchedulable");
    ok(kubectl, "uncordon", node);
    assertThat(Poll.until(SETTLE, () -> ok(kubectl, "describe", "node", node).stdout(),
        out -> out.matches("(?s).*Taints:\\s+<none>\n.*NodeSchedulable\\s+\\S+ \\(x2 over .*"),
        "the taint lifted and a second NodeSchedulable"))
        .containsPattern("Normal\\s+NodeSchedulable\\s+\\S+ \\(x2 over \\S+\\)\\s+kubelet\\s+Node " + node
            + " status is now: NodeSchedulable\n");
  }
}
