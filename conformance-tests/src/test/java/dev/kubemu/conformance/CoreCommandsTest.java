package dev.kubemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubemu.conformance.harness.CommandResult;
import dev.kubemu.conformance.harness.KubectlClient;
import dev.kubemu.conformance.harness.LiveClusterTest;
import dev.kubemu.conformance.harness.Tables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The foundation's acceptance commands through every installed kubectl (1.27 ... 1.35) against one emulator
 * served over HTTPS with a token. Each version works in its own namespace.
 */
class CoreCommandsTest extends LiveClusterTest {
  private static String ns(KubectlClient kubectl) {
    return "v" + kubectl.version().replace('.', '-');
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void versionClusterInfoAndApiResources(KubectlClient kubectl) {
    assertThat(ok(kubectl, "version").stdout()).contains("v1.33.1");
    String info = ok(kubectl, "cluster-info").stdout().replaceAll("\u001B\\[[0-9;]*m", "");
    assertThat(info).contains("Kubernetes control plane", "is running at " + cluster.url());
    assertThat(info).contains("CoreDNS", "/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy");
    String resources = ok(kubectl, "api-resources").stdout();
    assertThat(Tables.row(resources, "pods")).containsSequence("pods", "po", "v1", "true", "Pod");
    assertThat(Tables.row(resources, "deployments")).containsSequence("deployments", "deploy", "apps/v1");
    assertThat(Tables.row(resources, "horizontalpodautoscalers")).contains("hpa", "autoscaling/v2");
    assertThat(Tables.row(resources, "persistentvolumeclaims")).contains("pvc");
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void nodesNamespacesAndEverything(KubectlClient kubectl) {
    String nodes = ok(kubectl, "get", "nodes").stdout();
    assertThat(Tables.header(nodes)).containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION");
    for (String node : List.of("node-1", "node-2", "node-3")) {
      assertThat(Tables.row(nodes, node)).containsSequence(node, "Ready", "<none>");
    }
    String namespaces = ok(kubectl, "get", "ns").stdout();
    for (String ns : List.of("default", "kube-node-lease", "kube-public", "kube-system")) {
      assertThat(Tables.row(namespaces, ns)).containsSequence(ns, "Active");
    }
    String all = ok(kubectl, "get", "all", "-A").stdout();
    assertThat(all).contains("service/kubernetes", "deployment.apps/coredns", "replicaset.apps/coredns-");
    assertThat(Tables.header(all)).startsWith("NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE");
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void configMapLifecycle(KubectlClient kubectl) {
    String ns = ns(kubectl) + "-cm";
    ok(kubectl, "create", "namespace", ns);
    ok(kubectl, "create", "configmap", "c", "--from-literal=a=b", "-n", ns);
    assertThat(ok(kubectl, "get", "cm", "c", "-n", ns, "-o", "yaml").stdout()).contains("a: b", "name: c",
        "namespace: " + ns, "resourceVersion:");
    ok(kubectl, "label", "cm", "c", "x=y", "-n", ns);
    ok(kubectl, "annotate", "cm", "c", "note=hi", "-n", ns);
    String selected = ok(kubectl, "get", "cm", "-l", "x=y", "-n", ns).stdout();
    assertThat(Tables.row(selected, "c")).containsExactly("c", "1", Tables.row(selected, "c").get(2));
    assertThat(ok(kubectl, "delete", "cm", "c", "-n", ns).stdout()).contains("configmap \"c\" deleted");
    CommandResult missing = kubectl.run(cluster.kubeconfig(), "get", "cm", "c", "-n", ns);
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("Error from server (NotFound): configmaps \"c\" not found");
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void applyMultiDocumentThenUnchanged(KubectlClient kubectl) {
    String ns = ns(kubectl) + "-apply";
    Path file = cluster.file(ns + ".yaml", Manifests.multiDocument(ns));
    String created = ok(kubectl, "apply", "-f", file.toString()).stdout();
    assertThat(created).contains("namespace/" + ns + " created", "deployment.apps/web created",
        "service/web created", "configmap/settings created", "secret/credentials created",
        "ingress.networking.k8s.io/web created", "horizontalpodautoscaler.autoscaling/web-v1 created",
        "horizontalpodautoscaler.autoscaling/web-v2 created");
    String again = ok(kubectl, "apply", "-f", file.toString()).stdout();
    assertThat(again).contains("namespace/" + ns + " unchanged", "deployment.apps/web unchanged",
        "service/web unchanged", "configmap/settings unchanged", "secret/credentials unchanged",
        "ingress.networking.k8s.io/web unchanged", "horizontalpodautoscaler.autoscaling/web-v1 unchanged",
        "horizontalpodautoscaler.autoscaling/web-v2 unchanged");
    assertThat(again).doesNotContain("configured", "created");

    String listed = ok(kubectl, "get", "deploy,sts,svc,hpa,pv,pvc", "-n", ns).stdout();
    assertThat(listed).contains("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "deployment.apps/web");
    assertThat(listed).contains("TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "service/web", "ClusterIP",
        "80/TCP");
    assertThat(listed).contains("REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS",
        "horizontalpodautoscaler.autoscaling/web-v2", "Deployment/web");

    String deleted = ok(kubectl, "delete", "deploy,sts,svc,ingress,hpa", "--all", "-n", ns).stdout();
    assertThat(deleted).contains("deployment.apps \"web\" deleted", "service \"web\" deleted",
        "ingress.networking.k8s.io \"web\" deleted", "horizontalpodautoscaler.autoscaling \"web-v1\" deleted");
    CommandResult none = ok(kubectl, "get", "deploy,svc,ingress,hpa", "-n", ns);
    assertThat(none.stderr()).contains("No resources found");
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void watchPrintsARowWhenAnotherClientCreatesAPod(KubectlClient kubectl) {
    String ns = ns(kubectl) + "-watch";
    ok(kubectl, "create", "namespace", ns);
    try (var watch = kubectl.start(cluster.kubeconfig(), "get", "pods", "-w", "-n", ns)) {
      // the header arrives with the first row; create the pod once the watch is established
      CommandResult created = kubectl.run(cluster.kubeconfig(), "run", "watched", "--image=nginx:1.25", "-n", ns);
      assertThat(created.exitCode()).as(created.describe()).isZero();
      String line = watch.awaitLine("watched", Duration.ofSeconds(20));
      assertThat(line).startsWith("watched");
    }
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void alreadyExistsAndConflictPrintKubeApiserversMessages(KubectlClient kubectl) {
    String ns = ns(kubectl) + "-err";
    ok(kubectl, "create", "namespace", ns);
    Path cm = cluster.file(ns + "-cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\n  namespace: "
        + ns + "\ndata:\n  a: b\n");
    ok(kubectl, "create", "-f", cm.toString());
    CommandResult again = kubectl.run(cluster.kubeconfig(), "create", "-f", cm.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr()).contains("Error from server (AlreadyExists): error when creating \"" + cm
        + "\": configmaps \"dup\" already exists");
    String current = ok(kubectl, "get", "cm", "dup", "-n", ns, "-o", "json").stdout();
    ok(kubectl, "label", "cm", "dup", "bump=1", "-n", ns);
    Path stale = cluster.file(ns + "-stale.json", current.replace("\"a\": \"b\"", "\"a\": \"c\""));
    CommandResult conflict = kubectl.run(cluster.kubeconfig(), "replace", "-f", stale.toString());
    assertThat(conflict.exitCode()).isEqualTo(1);
    assertThat(conflict.stderr()).contains("Error from server (Conflict): error when replacing \"" + stale
        + "\": Operation cannot be fulfilled on configmaps \"dup\": the object has been modified; please apply your "
        + "changes to the latest version and try again");
  }
}
