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
        PrinterColumn.of("Ready", "string", "The aggregate readiness state of this pod for accepting traffic.",
            (o, now) -> PodStatusColumn.of(o, now).ready()),
        PrinterColumn.of("Status", "string", "The aggregate status of the containers in this pod.",
            (o, now) -> PodStatusColumn.of(o, now).status()),
        PrinterColumn.of("Restarts", "string", "The number of times the containers in this pod have been restarted "
            + "and when the last container in this pod has restarted.", (o, now) -> PodStatusColumn.of(o, now)
            .restarts()),
        Cells.age(),
        PrinterColumn.wide("IP", "string", "IP address allocated to the pod. Routable at least within the cluster. "
            + "Empty if not yet allocated.", (o, now) -> {
              JsonNode ips = o.path("status").path("podIPs");
              String ip = ips.size() > 0 ? ips.get(0).path("ip").asText("") : o.path("status").path("podIP")
                  .asText("");
              return Cells.orNone(ip);
            }),
        PrinterColumn.wide("Node", "string", "NodeName is a request to schedule this pod onto a specific node.",
            (o, now) -> Cells.orNone(o.path("spec").path("nodeName").asText(""))),
        PrinterColumn.wide("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts other "
            + "pods on the node.", (o, now) -> Cells.orNone(o.path("status").path("nominatedNodeName").asText(""))),
        PrinterColumn.wide("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod "
            + "readiness.", (o, now) -> readinessGates(o)));
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
        PrinterColumn.of("Status", "string", "The status of the node", (o, now) -> nodeStatus(o)),
        PrinterColumn.of("Roles", "string", "The roles of the node", (o, now) -> nodeRoles(o)),
        Cells.age(),
        Cells.text("Version", "Kubelet Version reported by the node.", "/status/nodeInfo/kubeletVersion"),
        PrinterColumn.wide("Internal-IP", "string", "List of addresses reachable to the node.",
            (o, now) -> address(o, "InternalIP")),
        PrinterColumn.wide("External-IP", "string", "List of addresses reachable to the node.",
            (o, now) -> address(o, "ExternalIP")),
        PrinterColumn.wide("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian "
            + "GNU/Linux 7 (wheezy)).", (o, now) -> unknownIfEmpty(o.path("status").path("nodeInfo")
            .path("osImage").asText(""))),
        PrinterColumn.wide("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. "
            + "3.16.0-0.bpo.4-amd64).", (o, now) -> unknownIfEmpty(o.path("status").path("nodeInfo")
            .path("kernelVersion").asText(""))),
        PrinterColumn.wide("Container-Runtime", "string", "ContainerRuntime Version reported by the node through "
            + "runtime remote API (e.g. containerd://1.4.2).", (o, now) -> unknownIfEmpty(o.path("status")
            .path("nodeInfo").path("containerRuntimeVersion").asText(""))));
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
        Cells.text("Status", "The status of the namespace", "/status/phase"),
        Cells.age());
  }

  public static List<PrinterColumn> services() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.text("Type", "The type of service.", "/spec/type"),
        PrinterColumn.of("Cluster-IP", "string", "The cluster IP of the service.", (o, now) -> {
          JsonNode ips = o.path("spec").path("clusterIPs");
          String ip = ips.size() > 0 ? ips.get(0).asText() : o.path("spec").path("clusterIP").asText("");
          return Cells.orNone(ip);
        }),
        PrinterColumn.of("External-IP", "string", "The external IP of the service.", (o, now) -> externalIp(o, false)),
        PrinterColumn.of("Port(s)", "string", "The ports of the service.", (o, now) -> servicePorts(o)),
        Cells.age(),
        PrinterColumn.wide("Selector", "string", "Route service traffic to pods with label keys and values matching "
            + "this selector.", (o, now) -> Cells.formatLabels(o.path("spec").path("selector"))));
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
        PrinterColumn.of("Endpoints", "string", "Endpoints of the service", (o, now) -> endpointsCell(o)),
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
        PrinterColumn.of("Data", "integer", "Data contains the configuration data.",
            (o, now) -> (long) (o.path("data").size() + o.path("binaryData").size())),
        Cells.age());
  }

  public static List<PrinterColumn> secrets() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.text("Type", "The type of the secret", "/type"),
        PrinterColumn.of("Data", "integer", "The number of data entries in the secret",
            (o, now) -> (long) o.path("data").size()),
        Cells.age());
  }

  public static List<PrinterColumn> serviceAccounts() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Secrets", "integer", "Secrets is a list of the secrets in the same namespace that pods "
            + "running using this ServiceAccount are allowed to use.", (o, now) -> (long) o.path("secrets").size()),
        Cells.age());
  }

  public static List<PrinterColumn> events() {
    return List.of(
        PrinterColumn.of("Last Seen", "string", "Time when last this event was observed.", (o, now) -> {
          String last = firstNonEmpty(o.path("series").path("lastObservedTime").asText(""),
              o.path("lastTimestamp").asText(""), o.path("firstTimestamp").asText(""), o.path("eventTime").asText(""));
          return Timestamps.parse(last).map(t -> HumanDuration.format(Duration.between(t, now))).orElse("<unknown>");
        }),
        Cells.text("Type", "Type of this event (Normal, Warning), new types could be added in the future.", "/type"),
        Cells.text("Reason", "The reason the transition into the object's current status.", "/reason"),
        PrinterColumn.of("Object", "string", "The object that this event is about.",
            (o, now) -> o.path("involvedObject").path("kind").asText("").toLowerCase(java.util.Locale.ROOT) + "/"
                + o.path("involvedObject").path("name").asText("")),
        PrinterColumn.of("Message", "string", "A human-readable description of the status of this operation.",
            (o, now) -> o.path("message").asText("").trim()),
        PrinterColumn.wide("Subobject", "string", "The field path of the object the event is about.",
            (o, now) -> o.path("involvedObject").path("fieldPath").asText("")),
        PrinterColumn.wide("Source", "string", "The component reporting this event.", (o, now) -> eventSource(o)),
        PrinterColumn.wide("First Seen", "string", "The time at which the event was first recorded.", (o, now) -> {
          String first = firstNonEmpty(o.path("firstTimestamp").asText(""), o.path("eventTime").asText(""));
          return Timestamps.parse(first).map(t -> HumanDuration.format(Duration.between(t, now))).orElse(
              "<unknown>");
        }),
        PrinterColumn.wide("Count", "string", "The number of times this event has occurred.", (o, now) -> {
          long count = o.path("series").path("count").asLong(0);
          if (count == 0) {
            count = o.path("count").asLong(0);
          }
          return Long.toString(count == 0 ? 1 : count);
        }),
        PrinterColumn.wide("Name", "string", "The name of the event.",
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
        Cells.text("Capacity", "capacity is the description of the persistent volume's resources and capacity.",
            "/spec/capacity/storage"),
        PrinterColumn.of("Access Modes", "string", "accessModes contains all ways the volume can be mounted.",
            (o, now) -> Cells.accessModes(o.path("spec").path("accessModes"))),
        Cells.text("Reclaim Policy", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when "
            + "released from its claim.", "/spec/persistentVolumeReclaimPolicy"),
        PrinterColumn.of("Status", "string", "phase indicates if a volume is available, bound to a claim, or released "
            + "by a claim.", (o, now) -> o.path("metadata").hasNonNull("deletionTimestamp") ? "Terminating"
            : o.path("status").path("phase").asText("")),
        PrinterColumn.of("Claim", "string", "claimRef is part of a bi-directional binding between PersistentVolume "
            + "and PersistentVolumeClaim.", (o, now) -> {
              JsonNode ref = o.path("spec").path("claimRef");
              return ref.isMissingNode() ? "" : ref.path("namespace").asText("") + "/" + ref.path("name").asText("");
            }),
        Cells.text("StorageClass", "storageClassName is the name of StorageClass to which this persistent volume "
            + "belongs.", "/spec/storageClassName"),
        PrinterColumn.of("VolumeAttributesClass", "string", "Name of VolumeAttributesClass to which this persistent "
            + "volume belongs.", (o, now) -> Cells.orNone(o.path("spec").path("volumeAttributesClassName")
            .asText("")).equals(Cells.NONE) ? "<unset>" : o.path("spec").path("volumeAttributesClassName").asText()),
        Cells.text("Reason", "reason is a brief CamelCase string that describes any failure.", "/status/reason"),
        Cells.age(),
        PrinterColumn.wide("VolumeMode", "string", "volumeMode defines if a volume is intended to be used with a "
            + "formatted filesystem or to remain in raw block state.", (o, now) -> o.path("spec").path("volumeMode")
            .asText("Filesystem")));
  }

  public static List<PrinterColumn> persistentVolumeClaims() {
    return List.of(PrinterColumn.nameColumn(),
        PrinterColumn.of("Status", "string", "phase represents the current phase of PersistentVolumeClaim.",
            (o, now) -> o.path("metadata").hasNonNull("deletionTimestamp") ? "Terminating"
                : o.path("status").path("phase").asText("")),
        Cells.text("Volume", "volumeName is the binding reference to the PersistentVolume backing this claim.",
            "/spec/volumeName"),
        PrinterColumn.of("Capacity", "string", "capacity represents the actual resources of the underlying volume.",
            (o, now) -> o.path("spec").path("volumeName").asText("").isEmpty() ? ""
                : o.path("status").path("capacity").path("storage").asText("")),
        PrinterColumn.of("Access Modes", "string", "accessModes contains the actual access modes the volume backing "
            + "the PVC has.", (o, now) -> o.path("spec").path("volumeName").asText("").isEmpty() ? ""
            : Cells.accessModes(o.path("status").path("accessModes"))),
        Cells.text("StorageClass", "storageClassName is the name of the StorageClass required by the claim.",
            "/spec/storageClassName"),
        PrinterColumn.of("VolumeAttributesClass", "string", "volumeAttributesClassName may be used to set the "
            + "VolumeAttributesClass used by this claim.", (o, now) -> o.path("spec")
            .path("volumeAttributesClassName").asText("").isEmpty() ? "<unset>"
            : o.path("spec").path("volumeAttributesClassName").asText()),
        Cells.age(),
        PrinterColumn.wide("VolumeMode", "string", "volumeMode defines what type of volume is required by the claim.",
            (o, now) -> o.path("spec").path("volumeMode").asText("Filesystem")));
  }

  public static List<PrinterColumn> replicationControllers() {
    return List.of(PrinterColumn.nameColumn(),
        Cells.integer("Desired", "Replicas is the number of desired replicas.", "/spec/replicas"),
        Cells.integer("Current", "Replicas is the most recently observed number of replicas.", "/status/replicas"),
        Cells.integer("Ready", "The number of ready replicas for this replication controller.",
            "/status/readyReplicas"),
        Cells.age(),
        PrinterColumn.wide("Containers", "string", "Names of each container in the template.",
            Cells.joinedContainerField("/spec/template/spec/containers", "name")),
        PrinterColumn.wide("Images", "string", "Images referenced by each container in the template.",
            Cells.joinedContainerField("/spec/template/spec/containers", "image")),
        PrinterColumn.wide("Selector", "string", "Selector is a label query over pods that should match the Replicas "
            + "count.", (o, now) -> Cells.formatLabels(o.path("spec").path("selector"))));
  }
}
