package dev.kubemu.kinds.printing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.printing.HumanDuration;
import dev.kubemu.core.printing.PrinterColumn;
import dev.kubemu.core.object.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** kube-apiserver 1.33's Table columns for core/v1 resources. */
public final class CorePrinters {
  private CorePrinters() {}

  public static List<PrinterColumn> pods() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Ready", "string", "How many of the pod's containers (sidecars included) are ready, out of "
            + "how many.", (o, now) -> PodStatusColumn.of(o, now).ready()),
        PrinterColumn.of("Status", "string", "The pod's phase, or a more specific reason such as CrashLoopBackOff, "
            + "Init:0/1 or Terminating.", (o, now) -> PodStatusColumn.of(o, now).status()),
        PrinterColumn.of("Restarts", "string", "How many times the pod's containers have restarted in all, and how "
            + "long ago the latest restart was.", (o, now) -> PodStatusColumn.of(o, now).restarts()),
        Cells.age(),
        PrinterColumn.wide("IP", "string", "The pod's first IP address, or <none> until it has one.", (o, now) -> {
              JsonNode ips = o.path("status").path("podIPs");
              String ip = ips.size() > 0 ? ips.get(0).path("ip").asText("") : o.path("status").path("podIP")
                  .asText("");
              return Cells.orNone(ip);
            }),
        PrinterColumn.wide("Node", "string", "The node the pod is bound to, or <none> until it is scheduled.",
            (o, now) -> Cells.orNone(o.path("spec").path("nodeName").asText(""))),
        PrinterColumn.wide("Nominated Node", "string", "The node the scheduler means to place the pod on once it has "
            + "preempted other pods there.", (o, now) -> Cells.orNone(o.path("status").path("nominatedNodeName")
            .asText(""))),
        PrinterColumn.wide("Readiness Gates", "string", "How many of the pod's readiness gates are met, out of how "
            + "many.", (o, now) -> readinessGates(o)));
  }

  private static String readinessGates(JsonNode pod) {
    JsonNode gates = pod.path("spec").path("readinessGates");
    if (gates.isEmpty()) {
      return Cells.NONE;
    }
    int ready = 0;
    for (JsonNode gate : gates) {
      for (JsonNode c : pod.path("status").path("conditions")) {
        if (c.path("type").asText().equals(gate.path("conditionType").asText())
            && c.path("status").asText().equals("True")) {
          ready++;
        }
      }
    }
    return ready + "/" + gates.size();
  }

  public static List<PrinterColumn> nodes() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Status", "string", "Ready, NotReady or Unknown, plus SchedulingDisabled when the node is "
            + "cordoned.", (o, now) -> nodeStatus(o)),
        PrinterColumn.of("Roles", "string", "The node's roles, read from its node-role.kubernetes.io/<role> and "
            + "kubernetes.io/role labels.", (o, now) -> nodeRoles(o)),
        Cells.age(),
        Cells.text("Version", "The kubelet version the node reports.", "/status/nodeInfo/kubeletVersion"),
        PrinterColumn.wide("Internal-IP", "string", "The node's internal IP address.",
            (o, now) -> address(o, "InternalIP")),
        PrinterColumn.wide("External-IP", "string", "The node's external IP address, if it has one.",
            (o, now) -> address(o, "ExternalIP")),
        PrinterColumn.wide("OS-Image", "string", "The operating system image the node reports.",
            (o, now) -> unknownIfEmpty(o.path("status").path("nodeInfo").path("osImage").asText(""))),
        PrinterColumn.wide("Kernel-Version", "string", "The kernel version the node reports.",
            (o, now) -> unknownIfEmpty(o.path("status").path("nodeInfo").path("kernelVersion").asText(""))),
        PrinterColumn.wide("Container-Runtime", "string", "The container runtime and its version, as the node reports "
            + "them.", (o, now) -> unknownIfEmpty(o.path("status").path("nodeInfo")
            .path("containerRuntimeVersion").asText(""))));
  }

  private static String unknownIfEmpty(String s) {
    return s.isEmpty() ? "<unknown>" : s;
  }

  private static String nodeStatus(JsonNode node) {
    String status = "Unknown";
    for (JsonNode c : node.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        status = c.path("status").asText().equals("True") ? "Ready" : "NotReady";
      }
    }
    if (node.path("spec").path("unschedulable").asBoolean(false)) {
      status += ",SchedulingDisabled";
    }
    return status;
  }

  private static String nodeRoles(JsonNode node) {
    var roles = new TreeSet<String>();
    node.path("metadata").path("labels").fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("node-role.kubernetes.io/")) {
        String role = e.getKey().substring("node-role.kubernetes.io/".length());
        if (!role.isEmpty()) {
          roles.add(role);
        }
      } else if (e.getKey().equals("kubernetes.io/role") && !e.getValue().asText().isEmpty()) {
        roles.add(e.getValue().asText());
      }
    });
    return roles.isEmpty() ? Cells.NONE : String.join(",", roles);
  }

  private static String address(JsonNode node, String type) {
    for (JsonNode a : node.path("status").path("addresses")) {
      if (a.path("type").asText().equals(type)) {
        return a.path("address").asText();
      }
    }
    return Cells.NONE;
  }

  public static List<PrinterColumn> namespaces() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.text("Status", "Whether the namespace is Active or Terminating.", "/status/phase"),
        Cells.age());
  }

  public static List<PrinterColumn> services() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.text("Type", "How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.",
            "/spec/type"),
        PrinterColumn.of("Cluster-IP", "string", "The service's virtual IP inside the cluster, or None if it is "
            + "headless.", (o, now) -> {
          JsonNode ips = o.path("spec").path("clusterIPs");
          String ip = ips.size() > 0 ? ips.get(0).asText() : o.path("spec").path("clusterIP").asText("");
          return Cells.orNone(ip);
        }),
        PrinterColumn.of("External-IP", "string", "Where clients outside the cluster reach the service, or <pending> "
            + "until a load balancer is ready.", (o, now) -> externalIp(o, false)),
        PrinterColumn.of("Port(s)", "string", "The service's ports and protocols, with node ports where allocated.",
            (o, now) -> servicePorts(o)),
        Cells.age(),
        PrinterColumn.wide("Selector", "string", "The labels a pod needs to receive the service's traffic.",
            (o, now) -> Cells.formatLabels(o.path("spec").path("selector"))));
  }

  static String externalIp(JsonNode svc, boolean wide) {
    String type = svc.path("spec").path("type").asText("ClusterIP");
    var external = new ArrayList<String>();
    svc.path("spec").path("externalIPs").forEach(ip -> external.add(ip.asText()));
    switch (type) {
      case "ClusterIP", "NodePort" -> {
        return external.isEmpty() ? Cells.NONE : String.join(",", external);
      }
      case "LoadBalancer" -> {
        var ingress = new ArrayList<String>();
        for (JsonNode i : svc.path("status").path("loadBalancer").path("ingress")) {
          if (!i.path("ip").asText("").isEmpty()) {
            ingress.add(i.path("ip").asText());
          } else if (!i.path("hostname").asText("").isEmpty()) {
            ingress.add(i.path("hostname").asText());
          }
        }
        ingress.addAll(external);
        if (ingress.isEmpty()) {
          return "<pending>";
        }
        String joined = String.join(",", ingress);
        if (!wide && joined.length() > 16) {
          return joined.substring(0, 13) + "...";
        }
        return joined;
      }
      case "ExternalName" -> {
        return svc.path("spec").path("externalName").asText("");
      }
      default -> {
        return "<unknown>";
      }
    }
  }

  static String servicePorts(JsonNode svc) {
    var parts = new ArrayList<String>();
    for (JsonNode p : svc.path("spec").path("ports")) {
      String proto = p.path("protocol").asText("TCP");
      if (p.path("nodePort").asInt(0) == 0) {
        parts.add(p.path("port").asInt() + "/" + proto);
      } else {
        parts.add(p.path("port").asInt() + ":" + p.path("nodePort").asInt() + "/" + proto);
      }
    }
    return parts.isEmpty() ? Cells.NONE : String.join(",", parts);
  }

  public static List<PrinterColumn> endpoints() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Endpoints", "string", "Up to three ready addresses with their ports, and how many more there "
            + "are.", (o, now) -> endpointsCell(o)),
        Cells.age());
  }

  private static String endpointsCell(JsonNode ep) {
    var list = new ArrayList<String>();
    int count = 0;
    for (JsonNode subset : ep.path("subsets")) {
      for (JsonNode address : subset.path("addresses")) {
        if (subset.path("ports").isEmpty()) {
          count++;
          if (list.size() < 3) {
            list.add(address.path("ip").asText());
          }
        }
        for (JsonNode port : subset.path("ports")) {
          count++;
          if (list.size() < 3) {
            list.add(address.path("ip").asText() + ":" + port.path("port").asInt());
          }
        }
      }
    }
    if (count == 0) {
      return Cells.NONE;
    }
    String joined = String.join(",", list);
    return count > 3 ? joined + " + " + (count - 3) + " more..." : joined;
  }

  public static List<PrinterColumn> configMaps() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Data", "integer", "How many keys the ConfigMap holds, counting binaryData too.",
            (o, now) -> (long) (o.path("data").size() + o.path("binaryData").size())),
        Cells.age());
  }

  public static List<PrinterColumn> secrets() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.text("Type", "The secret's type, such as Opaque or kubernetes.io/tls.", "/type"),
        PrinterColumn.of("Data", "integer", "How many keys the secret holds.",
            (o, now) -> (long) o.path("data").size()),
        Cells.age());
  }

  public static List<PrinterColumn> serviceAccounts() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Secrets", "integer", "How many secrets the service account lists.",
            (o, now) -> (long) o.path("secrets").size()),
        Cells.age());
  }

  public static List<PrinterColumn> events() {
    return List.of(
        PrinterColumn.of("Last Seen", "string", "How long ago the event last happened.", (o, now) -> {
          String last = firstNonEmpty(o.path("series").path("lastObservedTime").asText(""),
              o.path("lastTimestamp").asText(""), o.path("firstTimestamp").asText(""), o.path("eventTime").asText(""));
          return Timestamps.parse(last).map(t -> HumanDuration.format(Duration.between(t, now))).orElse("<unknown>");
        }),
        Cells.text("Type", "Whether the event is Normal or a Warning.", "/type"),
        Cells.text("Reason", "A short CamelCase word for why the event happened.", "/reason"),
        PrinterColumn.of("Object", "string", "The kind and name of the object the event concerns.",
            (o, now) -> o.path("involvedObject").path("kind").asText("").toLowerCase(java.util.Locale.ROOT) + "/"
                + o.path("involvedObject").path("name").asText("")),
        PrinterColumn.of("Message", "string", "The event's message, saying what happened.",
            (o, now) -> o.path("message").asText("").trim()),
        PrinterColumn.wide("Subobject", "string", "Which part of the object the event concerns, such as one of its "
            + "containers.", (o, now) -> o.path("involvedObject").path("fieldPath").asText("")),
        PrinterColumn.wide("Source", "string", "The component that reported the event, and on which host.",
            (o, now) -> eventSource(o)),
        PrinterColumn.wide("First Seen", "string", "How long ago the event first happened.", (o, now) -> {
          String first = firstNonEmpty(o.path("firstTimestamp").asText(""), o.path("eventTime").asText(""));
          return Timestamps.parse(first).map(t -> HumanDuration.format(Duration.between(t, now))).orElse(
              "<unknown>");
        }),
        PrinterColumn.wide("Count", "string", "How many times the event has happened.", (o, now) -> {
          long count = o.path("series").path("count").asLong(0);
          if (count == 0) {
            count = o.path("count").asLong(0);
          }
          return Long.toString(count == 0 ? 1 : count);
        }),
        PrinterColumn.wide("Name", "string", "The Event object's own name.",
            (o, now) -> o.path("metadata").path("name").asText("")));
  }

  private static String eventSource(JsonNode e) {
    String component = e.path("source").path("component").asText("");
    String host = e.path("source").path("host").asText("");
    if (component.isEmpty()) {
      component = e.path("reportingComponent").asText("");
      host = e.path("reportingInstance").asText("");
    }
    return host.isEmpty() ? component : component + ", " + host;
  }

  private static String firstNonEmpty(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return "";
  }

  public static List<PrinterColumn> persistentVolumes() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.text("Capacity", "How much storage the volume offers.", "/spec/capacity/storage"),
        PrinterColumn.of("Access Modes", "string", "How the volume can be mounted, abbreviated as RWO, ROX, RWX or "
            + "RWOP.", (o, now) -> Cells.accessModes(o.path("spec").path("accessModes"))),
        Cells.text("Reclaim Policy", "What is done with the volume once its claim is gone: Retain, Delete or "
            + "Recycle.", "/spec/persistentVolumeReclaimPolicy"),
        PrinterColumn.of("Status", "string", "The volume's phase, such as Available, Bound or Released, or Terminating "
            + "while it is being deleted.", (o, now) -> o.path("metadata").hasNonNull("deletionTimestamp")
            ? "Terminating" : o.path("status").path("phase").asText("")),
        PrinterColumn.of("Claim", "string", "The namespace/name of the claim the volume is bound to.", (o, now) -> {
              JsonNode ref = o.path("spec").path("claimRef");
              return ref.isMissingNode() ? "" : ref.path("namespace").asText("") + "/" + ref.path("name").asText("");
            }),
        Cells.text("StorageClass", "The storage class the volume belongs to.", "/spec/storageClassName"),
        PrinterColumn.of("VolumeAttributesClass", "string", "The volume attributes class the volume belongs to, or "
            + "<unset>.", (o, now) -> Cells.orNone(o.path("spec").path("volumeAttributesClassName")
            .asText("")).equals(Cells.NONE) ? "<unset>" : o.path("spec").path("volumeAttributesClassName").asText()),
        Cells.text("Reason", "A short CamelCase word for why the volume failed, if it did.", "/status/reason"),
        Cells.age(),
        PrinterColumn.wide("VolumeMode", "string", "Whether the volume holds a Filesystem or is a raw Block device.",
            (o, now) -> o.path("spec").path("volumeMode").asText("Filesystem")));
  }

  public static List<PrinterColumn> persistentVolumeClaims() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Status", "string", "Pending, Bound or Lost, or Terminating while the claim is being deleted.",
            (o, now) -> o.path("metadata").hasNonNull("deletionTimestamp") ? "Terminating"
                : o.path("status").path("phase").asText("")),
        Cells.text("Volume", "The persistent volume the claim is bound to.", "/spec/volumeName"),
        PrinterColumn.of("Capacity", "string", "How much storage the bound volume offers.",
            (o, now) -> o.path("spec").path("volumeName").asText("").isEmpty() ? ""
                : o.path("status").path("capacity").path("storage").asText("")),
        PrinterColumn.of("Access Modes", "string", "How the bound volume can be mounted, abbreviated as RWO, ROX, RWX "
            + "or RWOP.", (o, now) -> o.path("spec").path("volumeName").asText("").isEmpty() ? ""
            : Cells.accessModes(o.path("status").path("accessModes"))),
        Cells.text("StorageClass", "The storage class the claim asks for.", "/spec/storageClassName"),
        PrinterColumn.of("VolumeAttributesClass", "string", "The volume attributes class the claim asks for, or "
            + "<unset>.", (o, now) -> o.path("spec")
            .path("volumeAttributesClassName").asText("").isEmpty() ? "<unset>"
            : o.path("spec").path("volumeAttributesClassName").asText()),
        Cells.age(),
        PrinterColumn.wide("VolumeMode", "string", "Whether the claim wants a Filesystem or a raw Block volume.",
            (o, now) -> o.path("spec").path("volumeMode").asText("Filesystem")));
  }

  public static List<PrinterColumn> replicationControllers() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.integer("Desired", "How many pods the controller should run.", "/spec/replicas"),
        Cells.integer("Current", "How many pods the controller last counted.", "/status/replicas"),
        Cells.integer("Ready", "How many of the controller's pods are ready.", "/status/readyReplicas"),
        Cells.age(),
        PrinterColumn.wide("Containers", "string", "The names of the pod template's containers.",
            Cells.joinedContainerField("/spec/template/spec/containers", "name")),
        PrinterColumn.wide("Images", "string", "The images of the pod template's containers.",
            Cells.joinedContainerField("/spec/template/spec/containers", "image")),
        PrinterColumn.wide("Selector", "string", "The labels that pick the pods the controller counts as its own.",
            (o, now) -> Cells.formatLabels(o.path("spec").path("selector"))));
  }
}
