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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a workshop attendee inspects running workloads, through every installed kubectl: describe (pod, deployment,
 * replica set, node) with the sections and events a real cluster prints, logs, events, the kube-system
 * troubleshooting commands of the seeds, and exec/attach/port-forward failing at once with a clear message.
 */
class InspectionTest extends LiveClusterTest {
  private static final String NS = "inspect";
  private static final Duration SETTLE = Duration.ofSeconds(30);
  private String pod;
  private String node;

  @BeforeAll
  void deployWeb() {
    KubectlClient kubectl = Clients.latest();
    ok(kubectl, "create", "namespace", NS);
    ok(kubectl, "apply", "-f", cluster.file("web.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: inspect
          labels: {app: web}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                ports:
                - containerPort: 80
                resources:
                  requests: {cpu: 50m, memory: 64Mi}
                  limits: {memory: 128Mi}
        """).toString());
    ok(kubectl, "rollout", "status", "deployment/web", "-n", NS, "--timeout=60s");
    String pods = ok(kubectl, "get", "pods", "-n", NS, "-o", "wide", "--no-headers").stdout();
    List<String> first = Tables.rows(pods).get(0);
    pod = first.get(0);
    node = first.get(6);
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void describePodShowsTheSectionsOfARealOne(KubectlClient kubectl) {
    String d = ok(kubectl, "describe", "pod", pod, "-n", NS).stdout();
    assertThat(d).containsPattern("Name:\\s+" + pod + "\n")
        .containsPattern("Namespace:\\s+inspect\n")
        .containsPattern("Priority:\\s+0\n")
        .containsPattern("Service Account:\\s+default\n")
        .containsPattern("Node:\\s+" + node + "/172\\.18\\.0\\.\\d+\n")
        .containsPattern("Start Time:\\s+\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000\n")
        .containsPattern("Labels:\\s+app=web\n\\s+pod-template-hash=\\w+\n")
        .containsPattern("Status:\\s+Running\n")
        .containsPattern("IP:\\s+10\\.244\\.\\d+\\.\\d+\n")
        .containsPattern("Controlled By:\\s+ReplicaSet/web-\\w+\n")
        .containsPattern("Container ID:\\s+containerd://[0-9a-f]{64}\n")
        .containsPattern("Image:\\s+nginx:1\\.27\n")
        .containsPattern("Image ID:\\s+docker\\.io/library/nginx@sha256:[0-9a-f]{64}\n")
        .containsPattern("Port:\\s+80/TCP\n")
        .containsPattern("State:\\s+Running\n\\s+Started:\\s+\\w{3}, ")
        .containsPattern("Ready:\\s+True\n")
        .containsPattern("Restart Count:\\s+0\n")
        .containsPattern("Limits:\n\\s+memory:\\s+128Mi\n\\s+Requests:\n\\s+cpu:\\s+50m\n\\s+memory:\\s+64Mi\n")
        .containsPattern("QoS Class:\\s+Burstable\n")
        .containsPattern("Node-Selectors:\\s+<none>\n")
        .containsPattern("Tolerations:\\s+node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
            + "\\s+node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n");
    for (String condition : List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
        "PodScheduled")) {
      assertThat(d).containsPattern("\n  " + condition + "\\s+True");
    }
    // kubectl 1.35 prefixes container events with their field path
    String container = "(spec\\.containers\\{web\\}: )?";
    assertThat(d).containsPattern("Normal\\s+Scheduled\\s+\\S+\\s+default-scheduler\\s+Successfully assigned "
            + "inspect/" + pod + " to " + node + "\n")
        .containsPattern("Normal\\s+Pulling\\s+\\S+\\s+kubelet\\s+" + container + "Pulling image \"nginx:1.27\"\n")
        .containsPattern("Normal\\s+Pulled\\s+\\S+\\s+kubelet\\s+" + container + "Successfully pulled image "
            + "\"nginx:1.27\" in \\S+ \\(\\S+ including waiting\\)\\. Image size: \\d+ bytes\\.\n")
        .containsPattern("Normal\\s+Created\\s+\\S+\\s+kubelet\\s+" + container + "Created container: web\n")
        .containsPattern("Normal\\s+Started\\s+\\S+\\s+kubelet\\s+" + container + "Started container web\n");
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void describeDeploymentAndReplicaSet(KubectlClient kubectl) {
    String d = ok(kubectl, "describe", "deployment", "web", "-n", NS).stdout();
    assertThat(d).containsPattern("Replicas:\\s+2 desired \\| 2 updated \\| 2 total \\| 2 available \\| 0 unavailable")
        .containsPattern("StrategyType:\\s+RollingUpdate\n")
        .containsPattern("RollingUpdateStrategy:\\s+25% max unavailable, 25% max surge\n")
        .containsPattern("Available\\s+True\\s+MinimumReplicasAvailable\n")
        .containsPattern("Progressing\\s+True\\s+NewReplicaSetAvailable\n")
        .containsPattern("NewReplicaSet:\\s+web-\\w+ \\(2/2 replicas created\\)")
        .containsPattern("Normal\\s+ScalingReplicaSet\\s+\\S+\\s+deployment-controller\\s+Scaled up replica set "
            + "web-\\w+ (from 0 )?to 2\n");
    String rs = ok(kubectl, "describe", "rs", "-n", NS, "-l", "app=web").stdout();
    assertThat(rs).containsPattern("Controlled By:\\s+Deployment/web\n")
        .containsPattern("Replicas:\\s+2 current / 2 desired\n")
        .containsPattern("Pods Status:\\s+2 Running / 0 Waiting / 0 Succeeded / 0 Failed\n")
        .containsPattern("Normal\\s+SuccessfulCreate\\s+\\S+\\s+replicaset-controller\\s+Created pod: web-\\w+-\\w+");
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void describeNodeShowsItsPodsAllocationsLeaseAndKubeletEvents(KubectlClient kubectl) {
    String d = ok(kubectl, "describe", "node", node).stdout();
    assertThat(d).containsPattern("Lease:\n\\s+HolderIdentity:\\s+" + node + "\n")
        .containsPattern("Ready\\s+True\\s+.+KubeletReady\\s+kubelet is posting ready status")
        .containsPattern("Allocatable:\n(.*\n)*?\\s+memory:\\s+8092Mi\n")
        .containsPattern("Non-terminated Pods:\\s+\\(\\d+ in total\\)\n")
        .containsPattern("\\s+inspect\\s+" + pod + "\\s+50m \\(1%\\)\\s+0 \\(0%\\)\\s+64Mi \\(0%\\)\\s+128Mi \\(1%\\)")
        .containsPattern("Allocated resources:\n\\s+\\(Total limits may be over 100 percent, i.e., overcommitted\\.\\)\n"
            + "\\s+Resource\\s+Requests\\s+Limits\n\\s+-+\\s+-+\\s+-+\n\\s+cpu\\s+\\d+m \\(\\d+%\\)\\s+\\S+ \\(\\d+%\\)\n"
            + "\\s+memory\\s+\\d+Mi \\(\\d+%\\)\\s+\\d+Mi \\(\\d+%\\)\n")
        .containsPattern("Normal\\s+Starting\\s+\\S+\\s+kubelet\\s+Starting kubelet\\.\n")
        .containsPattern("Normal\\s+NodeReady\\s+\\S+\\s+kubelet\\s+Node " + node + " status is now: NodeReady\n");
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void logsOfPodsDeploymentsAndContainers(KubectlClient kubectl) {
    String byPod = ok(kubectl, "logs", pod, "-n", NS).stdout();
    assertThat(byPod).contains("/docker-entrypoint.sh: Configuration complete; ready for start up\n")
        .containsPattern("\\[notice\\] 1#1: nginx/1\\.27");
    assertThat(ok(kubectl, "logs", "deploy/web", "-n", NS, "-c", "web", "--tail=1").stdout())
        .matches("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} \\[notice\\] 1#1: start worker process \\d+\n");
    CommandResult previous = kubectl.run(cluster.kubeconfig(), "logs", pod, "-n", NS, "--previous");
    assertThat(previous.exitCode()).isEqualTo(1);
    assertThat(previous.stderr()).contains("Error from server (BadRequest): previous terminated container \"web\" "
        + "in pod \"" + pod + "\" not found");
    CommandResult wrong = kubectl.run(cluster.kubeconfig(), "logs", pod, "-n", NS, "-c", "nope");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.stderr()).contains("container nope is not valid for pod " + pod);
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void execAttachAndPortForwardFailAtOnceWithAClearMessage(KubectlClient kubectl) {
    String why = "kubemu simulates pods without running processes, so it cannot ";
    long start = System.nanoTime();
    CommandResult exec = kubectl.run(cluster.kubeconfig(), "exec", pod, "-n", NS, "--", "ls");
    assertThat(exec.exitCode()).isEqualTo(1);
    assertThat(exec.stderr()).contains(why + "exec into pod " + pod);
    CommandResult attach = kubectl.run(cluster.kubeconfig(), "attach", pod, "-n", NS);
    assertThat(attach.exitCode()).isEqualTo(1);
    assertThat(attach.stderr()).contains(why + "attach to pod " + pod);
    CommandResult forward = kubectl.run(cluster.kubeconfig(), "port-forward", "pod/" + pod, "-n", NS, "0:80");
    assertThat(forward.exitCode()).isEqualTo(1);
    assertThat(forward.stderr()).contains(why + "forward ports to pod " + pod);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no hanging").isLessThan(Duration.ofSeconds(20));
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void eventsAreListedAsByARealCluster(KubectlClient kubectl) {
    String events = ok(kubectl, "get", "events", "-n", NS).stdout();
    assertThat(Tables.header(events)).containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
    assertThat(events).containsPattern("Normal\\s+Scheduled\\s+pod/" + pod + "\\s+Successfully assigned")
        .containsPattern("Normal\\s+ScalingReplicaSet\\s+deployment/web\\s+Scaled up replica set web-");
    String newer = ok(kubectl, "events", "-n", NS, "--for", "pod/" + pod).stdout();
    assertThat(Tables.header(newer)).containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
    assertThat(newer).containsPattern("Normal\\s+Started\\s+Pod/" + pod + "\\s+Started container web")
        .doesNotContain("ScalingReplicaSet");
  }

  @Test
  void aCommandThatEndsCompletesOrCrashLoopsByTheRestartPolicy() {
    KubectlClient kubectl = Clients.latest();
    ok(kubectl, "run", "once", "--image=busybox:1.36", "--restart=Never", "-n", NS, "--", "sh", "-c",
        "echo hello from once");
    ok(kubectl, "run", "again", "--image=busybox:1.36", "-n", NS, "--", "echo", "hello again");
    Poll.until(SETTLE, () -> ok(kubectl, "get", "pod", "once", "-n", NS).stdout(),
        out -> Tables.row(out, "once").subList(1, 4).equals(List.of("0/1", "Completed", "0")), "once Completed");
    assertThat(ok(kubectl, "logs", "once", "-n", NS).stdout()).isEqualTo("hello from once\n");
    List<String> row = Tables.row(Poll.until(SETTLE, () -> ok(kubectl, "get", "pod", "again", "-n", NS).stdout(),
        out -> out.contains("CrashLoopBackOff"), "again in CrashLoopBackOff"), "again");
    assertThat(row.get(1)).isEqualTo("0/1");
    assertThat(row.get(3)).matches("1 \\(\\d+s ago\\)");
    assertThat(ok(kubectl, "logs", "again", "-n", NS, "--previous").stdout()).isEqualTo("hello again\n");
    assertThat(ok(kubectl, "describe", "pod", "again", "-n", NS).stdout())
        .containsPattern("State:\\s+Waiting\n\\s+Reason:\\s+CrashLoopBackOff\n")
        .containsPattern("Last State:\\s+Terminated\n\\s+Reason:\\s+Completed\n\\s+Exit Code:\\s+0\n")
        .containsPattern("Restart Count:\\s+1\n")
        .containsPattern("Warning\\s+BackOff\\s+.*kubelet\\s+(spec.containers\\{again\\}: )?Back-off restarting "
            + "failed container again in pod again_inspect\\(");
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void theSeedsKubeSystemTroubleshootingCommands(KubectlClient kubectl) {
    String wait = Poll.until(SETTLE, () -> kubectl.run(cluster.kubeconfig(), "wait", "--for=condition=available",
        "--timeout=60s", "deployment/metrics-server", "-n", "kube-system"), r -> r.exitCode() == 0,
        "metrics-server available").stdout();
    assertThat(wait).isEqualTo("deployment.apps/metrics-server condition met\n");
    String get = ok(kubectl, "get", "deployment", "metrics-server", "-n", "kube-system").stdout();
    assertThat(Tables.header(get)).containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
    assertThat(Tables.row(get, "metrics-server").subList(0, 4)).containsExactly("metrics-server", "1/1", "1", "1");
    String logs = ok(kubectl, "logs", "-n", "kube-system", "deployment/metrics-server").stdout();
    assertThat(logs).containsPattern("I\\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} +1 secure_serving\\.go:\\d+\\] Serving "
        + "securely on \\[::\\]:10250\n");
    String all = ok(kubectl, "get", "all", "-n", "kube-system").stdout();
    assertThat(all).contains("deployment.apps/coredns", "deployment.apps/metrics-server", "service/kube-dns");
  }
}
