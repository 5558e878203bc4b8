package dev.kubemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubemu.conformance.harness.Clients;
import dev.kubemu.conformance.harness.CommandResult;
import dev.kubemu.conformance.harness.KubectlClient;
import dev.kubemu.conformance.harness.LiveClusterTest;
import dev.kubemu.conformance.harness.Poll;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid writes through real kubectl print what a real cluster prints: the 422's message with one cause, or the
 * bulleted list of causes, in kube-apiserver 1.33's words and with Go's rendering of the bad values.
 */
class ValidationTest extends LiveClusterTest {
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: NS
      spec:
        replicas: REPLICAS
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: LABEL}
          spec:
            containers:
            CONTAINERS
      """;

  private String deployment(String ns, String replicas, String label, String containers) {
    return DEPLOYMENT.replace("NS", ns).replace("REPLICAS", replicas).replace("LABEL", label)
        .replace("CONTAINERS", containers);
  }

  /** Runs kubectl expecting it to fail, and returns what it printed on stderr. */
  private String refused(KubectlClient kubectl, String... args) {
    CommandResult r = kubectl.run(cluster.kubeconfig(), args);
    assertThat(r.exitCode()).as("kubectl %s %s should fail\n%s", kubectl.version(), String.join(" ", args),
        r.describe()).isNotZero();
    return r.stderr();
  }

  private String apply(KubectlClient kubectl, String file, String content) {
    return refused(kubectl, "apply", "-f", cluster.file(file, content).toString());
  }

  @ParameterizedTest(name = "kubectl {0}")
  @MethodSource("dev.kubemu.conformance.harness.Clients#allKubectl")
  void invalidDeploymentsPrintKubeApiserversMessages(KubectlClient kubectl) {
    // nothing is created, so every version can use the same namespace and name
    String valid = "- {name: web, image: nginx}";
    assertThat(apply(kubectl, "replicas.yaml", deployment("default", "-1", "web", valid))).isEqualTo(
        "The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n");
    String broken = """
        - name: web
                ports:
                - containerPort: 70000
              - {name: web, image: nginx}""";
    assertThat(apply(kubectl, "containers.yaml", deployment("default", "1", "web", broken))).isEqualTo("""
        The Deployment "web" is invalid:\s
        * spec.template.spec.containers[0].image: Required value
        * spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive
        * spec.template.spec.containers[1].name: Duplicate value: "web"
        """);
  }

  @Test
  void selectorsMustMatchAndStayTheSame() {
    KubectlClient kubectl = Clients.latest();
    String ns = "selectors";
    ok(kubectl, "create", "namespace", ns);
    String valid = "- {name: web, image: nginx}";
    assertThat(apply(kubectl, "labels.yaml", deployment(ns, "1", "x", valid))).isEqualTo(
        "The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: "
            + "map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`\n");
    ok(kubectl, "apply", "-f", cluster.file("ok.yaml", deployment(ns, "1", "web", valid)).toString());
    String changed = deployment(ns, "1", "web2", valid).replace("matchLabels: {app: web}", "matchLabels: {app: web2}");
    assertThat(apply(kubectl, "selector.yaml", changed)).isEqualTo(
        "The Deployment \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
            + "map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: "
            + "field is immutable\n");
  }

  @Test
  void immutableFieldsOfStatefulSetsServicesAndBoundClaims() {
    KubectlClient kubectl = Clients.latest();
    String ns = "immutable";
    ok(kubectl, "create", "namespace", ns);
    String sts = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: immutable}
        spec:
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers:
              - name: db
                image: postgres:17
                volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
          volumeClaimTemplates:
          - metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: SIZE}}
        """;
    ok(kubectl, "apply", "-f", cluster.file("sts.yaml", sts.replace("SIZE", "1Gi")).toString());
    String forbidden = "The StatefulSet \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields "
        + "other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' "
        + "and 'minReadySeconds' are forbidden\n";
    assertThat(apply(kubectl, "sts-name.yaml", sts.replace("SIZE", "1Gi").replace("serviceName: db",
        "serviceName: db2"))).isEqualTo(forbidden);
    assertThat(apply(kubectl, "sts-claims.yaml", sts.replace("SIZE", "2Gi"))).isEqualTo(forbidden);

    ok(kubectl, "create", "service", "clusterip", "web", "--tcp=80:8080", "-n", ns);
    assertThat(refused(kubectl, "patch", "service", "web", "-n", ns, "-p", "{\"spec\":{\"clusterIP\":\"10.96.5.5\"}}"))
        .isEqualTo("The Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.5.5\"}: "
            + "may not change once set\n");
    assertThat(refused(kubectl, "create", "service", "nodeport", "np", "--tcp=80:8080", "--node-port=80", "-n", ns))
        .isEqualTo("error: failed to create NodePort service: Service \"np\" is invalid: spec.ports[0].nodePort: "
            + "Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n");

    // a claim the binder really binds (to a volume made by hand, no class), since only bound claims may grow
    ok(kubectl, "apply", "-f", cluster.file("pv.yaml", """
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: immutable-data}
        spec:
          capacity: {storage: 1Gi}
          accessModes: [ReadWriteOnce]
          storageClassName: ""
          hostPath: {path: /tmp/immutable-data}
        """).toString());
    ok(kubectl, "apply", "-f", cluster.file("pvc.yaml", """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data, namespace: immutable}
        spec:
          accessModes: [ReadWriteOnce]
          storageClassName: ""
          resources: {requests: {storage: 1Gi}}
        """).toString());
    Poll.until(Duration.ofSeconds(30), () -> ok(kubectl, "get", "pvc", "data", "-n", ns, "-o",
        "jsonpath={.status.phase}").stdout(), "Bound"::equals, "the claim bound");
    ok(kubectl, "patch", "pvc", "data", "-n", ns, "--type=merge", "-p",
        "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"2Gi\"}}}}");
    assertThat(refused(kubectl, "patch", "pvc", "data", "-n", ns, "--type=merge", "-p",
        "{\"spec\":{\"accessModes\":[\"ReadWriteMany\"]}}"))
        .startsWith("The PersistentVolumeClaim \"data\" is invalid: spec: Forbidden: spec is immutable after "
            + "creation except resources.requests and volumeAttributesClassName for bound claims\n"
            + "  core.PersistentVolumeClaimSpec{\n")
        .contains("- \tAccessModes: {\"ReadWriteOnce\"},\n", "+ \tAccessModes: []string{\"ReadWriteMany\"},\n");
  }

  @Test
  void podsMayChangeOnlyImagesAndAFewMore() {
    KubectlClient kubectl = Clients.latest();
    ok(kubectl, "run", "p1", "--image=nginx:1.25", "-n", "default");
    ok(kubectl, "set", "image", "pod/p1", "p1=nginx:1.26", "-n", "default");
    assertThat(refused(kubectl, "patch", "pod", "p1", "-n", "default", "-p",
        "{\"spec\":{\"containers\":[{\"name\":\"p1\",\"env\":[{\"name\":\"A\",\"value\":\"b\"}]}]}}"))
        .startsWith("The Pod \"p1\" is invalid: spec: Forbidden: pod updates may not change fields other than "
            + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
            + "(allow it to be set to 1 if it was previously negative)\n  core.PodSpec{\n")
        .contains("+ \t\t\tEnv:");
    assertThat(apply(kubectl, "bad-cm.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: bad, namespace: default}
        data: {"my key": "1"}
        """))
        .isEqualTo("The ConfigMap \"bad\" is invalid: data[my key]: Invalid value: \"my key\": a valid config key "
            + "must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
            + "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n");
  }
}
