package dev.kubemu.kubelet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Quantity;
import dev.kubemu.core.object.Timestamps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds the Node object a kubelet registers: labels, addresses, pod CIDR, capacity and allocatable (capacity minus
 * the default hard eviction thresholds: 100Mi of memory and 10% of node filesystem), conditions and node info.
 */
public final class NodeFactory {
  /** The kubelet version nodes report, matching the apiserver release kubemu follows. */
  public static final String KUBELET_VERSION = "v1.33.1";
  static final Quantity MEMORY_EVICTION = Quantity.parse("100Mi");

  private NodeFactory() {}

  /** The name of the {@code index}-th node (0-based): {@code node-1}, {@code node-2}, ... */
  public static String nodeName(int index) {
    return "node-" + (index + 1);
  }

  /** The InternalIP of the {@code index}-th node. */
  public static String internalIp(int index) {
    return "172.18.0." + (index + 2);
  }

  /** The pod CIDR of the {@code index}-th node. */
  public static String podCidr(int index) {
    return "10.244." + index + ".0/24";
  }

  public static ObjectNode node(int index, NodeShape shape, Instant now) {
    String name = nodeName(index);
    ObjectNode node = Json.object();
    node.put("kind", "Node");
    node.put("apiVersion", "v1");
    ObjectNode meta = node.putObject("metadata");
    meta.put("name", name);
    ObjectNode labels = meta.putObject("labels");
    labels.put("beta.kubernetes.io/arch", "amd64");
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    ObjectNode annotations = meta.putObject("annotations");
    annotations.put("node.alpha.kubernetes.io/ttl", "0");
    annotations.put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
    ObjectNode spec = node.putObject("spec");
    spec.put("podCIDR", podCidr(index));
    spec.putArray("podCIDRs").add(podCidr(index));
    spec.put("providerID", "kubemu://" + name);
    ObjectNode status = node.putObject("status");
    status.set("capacity", capacity(shape));
    status.set("allocatable", allocatable(shape));
    status.set("conditions", conditions(now));
    ArrayNode addresses = status.putArray("addresses");
    addresses.addObject().put("type", "InternalIP").put("address", internalIp(index));
    addresses.addObject().put("type", "Hostname").put("address", name);
    status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
    ObjectNode info = status.putObject("nodeInfo");
    String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    info.put("machineID", id.replace("-", ""));
    info.put("systemUUID", id);
    info.put("bootID", UUID.nameUUIDFromBytes(("boot-" + name).getBytes(StandardCharsets.UTF_8)).toString());
    info.put("kernelVersion", "6.1.0-27-amd64");
    info.put("osImage", "Debian GNU/Linux 12 (bookworm)");
    info.put("containerRuntimeVersion", "containerd://2.1.1");
    info.put("kubeletVersion", KUBELET_VERSION);
    info.put("kubeProxyVersion", "");
    info.put("operatingSystem", "linux");
    info.put("architecture", "amd64");
    return node;
  }

  static ObjectNode capacity(NodeShape shape) {
    ObjectNode c = Json.object();
    c.put("cpu", shape.cpu().toString());
    c.put("ephemeral-storage", kibibytes(shape.ephemeralStorage().value()));
    c.put("hugepages-1Gi", "0");
    c.put("hugepages-2Mi", "0");
    c.put("memory", kibibytes(shape.memory().value()));
    c.put("pods", Integer.toString(shape.maxPods()));
    return c;
  }

  static ObjectNode allocatable(NodeShape shape) {
    ObjectNode a = Json.object();
    a.put("cpu", shape.cpu().toString());
    BigDecimal storage = shape.ephemeralStorage().value().multiply(BigDecimal.valueOf(9))
        .divide(BigDecimal.TEN, 0, RoundingMode.DOWN);
    a.put("ephemeral-storage", storage.toPlainString());
    a.put("hugepages-1Gi", "0");
    a.put("hugepages-2Mi", "0");
    a.put("memory", kibibytes(shape.memory().value().subtract(MEMORY_EVICTION.value()).max(BigDecimal.ZERO)));
    a.put("pods", Integer.toString(shape.maxPods()));
    return a;
  }

  /** The kubelet reports memory and storage capacity in whole Ki. */
  static String kibibytes(BigDecimal bytes) {
    return bytes.divide(BigDecimal.valueOf(1024), 0, RoundingMode.DOWN).toPlainString() + "Ki";
  }

  static ArrayNode conditions(Instant now) {
    ArrayNode conditions = Json.array();
    String ts = Timestamps.format(now);
    condition(conditions, "MemoryPressure", "False", "KubeletHasSufficientMemory",
        "kubelet has sufficient memory available", ts);
    condition(conditions, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", ts);
    condition(conditions, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available",
        ts);
    condition(conditions, "Ready", "True", "KubeletReady", "kubelet is posting ready status", ts);
    return conditions;
  }

  private static void condition(ArrayNode conditions, String type, String status, String reason, String message,
      String ts) {
    ObjectNode c = conditions.addObject();
    c.put("type", type);
    c.put("status", status);
    c.put("lastHeartbeatTime", ts);
    c.put("lastTransitionTime", ts);
    c.put("reason", reason);
    c.put("message", message);
  }

  /** The node's Lease in kube-node-lease, renewed by heartbeats. */
  public static ObjectNode lease(String nodeName, String nodeUid, Instant now) {
    ObjectNode lease = Json.object();
    lease.put("kind", "Lease");
    lease.put("apiVersion", "coordination.k8s.io/v1");
    ObjectNode meta = lease.putObject("metadata");
    meta.put("name", nodeName);
    meta.put("namespace", "kube-node-lease");
    ObjectNode owner = meta.putArray("ownerReferences").addObject();
    owner.put("apiVersion", "v1");
    owner.put("kind", "Node");
    owner.put("name", nodeName);
    owner.put("uid", nodeUid);
    ObjectNode spec = lease.putObject("spec");
    spec.put("holderIdentity", nodeName);
    spec.put("leaseDurationSeconds", 40);
    spec.put("renewTime", Timestamps.formatMicro(now));
    return lease;
  }
}
