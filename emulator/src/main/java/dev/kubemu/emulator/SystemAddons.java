package dev.kubemu.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.ResourceType;

/**
 * The kube-system workloads a small real cluster shows: CoreDNS (Deployment + the {@code kube-dns} Service at
 * 10.96.0.10, which {@code kubectl cluster-info} lists) and metrics-server (Deployment + Service), as manifests in
 * the shape kubeadm and the metrics-server release install them. They run as simulated pods like any other.
 */
final class SystemAddons {
  static final String COREDNS_IMAGE = "registry.k8s.io/coredns/coredns:v1.12.0";
  static final String METRICS_SERVER_IMAGE = "registry.k8s.io/metrics-server/metrics-server:v0.7.2";

  private final ResourceOperations operations;
  private final RequestContext request = RequestContext.internal("kubeadm");

  SystemAddons(ResourceOperations operations) {
    this.operations = operations;
  }

  void install() {
    create("apps", "deployments", coreDnsDeployment());
    create("", "services", parse("""
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"kube-dns","namespace":"kube-system",
         "labels":{"k8s-app":"kube-dns","kubernetes.io/cluster-service":"true","kubernetes.io/name":"CoreDNS"},
         "annotations":{"prometheus.io/port":"9153","prometheus.io/scrape":"true"}},
         "spec":{"clusterIP":"10.96.0.10","selector":{"k8s-app":"kube-dns"},"ports":[
           {"name":"dns","port":53,"protocol":"UDP","targetPort":53},
           {"name":"dns-tcp","port":53,"protocol":"TCP","targetPort":53},
           {"name":"metrics","port":9153,"protocol":"TCP","targetPort":9153}]}}
        """));
    create("", "serviceaccounts", parse("""
        {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"coredns","namespace":"kube-system"}}
        """));
    create("", "serviceaccounts", parse("""
        {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"metrics-server","namespace":"kube-system",
         "labels":{"k8s-app":"metrics-server"}}}
        """));
    create("apps", "deployments", metricsServerDeployment());
    create("", "services", parse("""
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"metrics-server","namespace":"kube-system",
         "labels":{"k8s-app":"metrics-server"}},
         "spec":{"selector":{"k8s-app":"metrics-server"},"ports":[
           {"name":"https","port":443,"protocol":"TCP","targetPort":"https"}]}}
        """));
  }

  private static ObjectNode coreDnsDeployment() {
    return parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"coredns","namespace":"kube-system",
         "labels":{"k8s-app":"kube-dns"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"k8s-app":"kube-dns"}},
          "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":"25%"}},
          "template":{"metadata":{"labels":{"k8s-app":"kube-dns"}},"spec":{
            "priorityClassName":"system-cluster-critical","serviceAccountName":"coredns",
            "tolerations":[{"key":"CriticalAddonsOnly","operator":"Exists"},
              {"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}],
            "nodeSelector":{"kubernetes.io/os":"linux"},
            "containers":[{"name":"coredns","image":"%s","imagePullPolicy":"IfNotPresent",
              "args":["-conf","/etc/coredns/Corefile"],
              "resources":{"limits":{"memory":"170Mi"},"requests":{"cpu":"100m","memory":"70Mi"}},
              "ports":[{"containerPort":53,"name":"dns","protocol":"UDP"},
                {"containerPort":53,"name":"dns-tcp","protocol":"TCP"},
                {"containerPort":9153,"name":"metrics","protocol":"TCP"}],
              "readinessProbe":{"httpGet":{"path":"/ready","port":8181,"scheme":"HTTP"}},
              "livenessProbe":{"httpGet":{"path":"/health","port":8080,"scheme":"HTTP"},"initialDelaySeconds":60,
                "timeoutSeconds":5,"failureThreshold":5}}],
            "dnsPolicy":"Default"}}}}
        """.replace("%s", COREDNS_IMAGE));
  }

  private static ObjectNode metricsServerDeployment() {
    return parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"metrics-server","namespace":"kube-system",
         "labels":{"k8s-app":"metrics-server"}},
         "spec":{"selector":{"matchLabels":{"k8s-app":"metrics-server"}},
          "strategy":{"rollingUpdate":{"maxUnavailable":0}},
          "template":{"metadata":{"labels":{"k8s-app":"metrics-server"}},"spec":{
            "priorityClassName":"system-cluster-critical","serviceAccountName":"metrics-server",
            "nodeSelector":{"kubernetes.io/os":"linux"},
            "containers":[{"name":"metrics-server","image":"%s","imagePullPolicy":"IfNotPresent",
              "args":["--cert-dir=/tmp","--secure-port=10250",
                "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
                "--kubelet-use-node-status-port","--metric-resolution=15s"],
              "ports":[{"containerPort":10250,"name":"https","protocol":"TCP"}],
              "resources":{"requests":{"cpu":"100m","memory":"200Mi"}},
              "readinessProbe":{"httpGet":{"path":"/readyz","port":"https","scheme":"HTTPS"},
                "initialDelaySeconds":20,"periodSeconds":10,"failureThreshold":3},
              "livenessProbe":{"httpGet":{"path":"/livez","port":"https","scheme":"HTTPS"},
                "periodSeconds":10,"failureThreshold":3}}]}}}}
        """.replace("%s", METRICS_SERVER_IMAGE));
  }

  private void create(String group, String plural, ObjectNode object) {
    ResourceType type = operations.registry().find(group, "v1", plural).orElseThrow();
    operations.create(type, "v1", "kube-system", object, request);
  }

  private static ObjectNode parse(String json) {
    return (ObjectNode) Json.parseTrusted(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
