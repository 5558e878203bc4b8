package dev.kubemu.benchmarks.scenarios;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.benchmarks.micro.Fixtures;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.emulator.Emulator;

/**
 * Fills an emulator with many Running pods quickly, through the real write pipeline (create, then a status update,
 * as a kubelet reports), in namespaces {@code load-0 ... load-N}. The pods are bound to nodes that have no simulated
 * kubelet, so nothing writes to them afterwards, and carry the status of a real running pod (IP, conditions,
 * container statuses), so their size and their Table rows are those of a live cluster.
 */
final class PodFiller {
  private final Emulator kube;
  private final ResourceType pods;
  private final ResourceType namespaces;
  private final ObjectNode runningStatus;
  private final RequestContext kubelet = RequestContext.internal("kubelet");

  PodFiller(Emulator kube) {
    this.kube = kube;
    this.pods = kube.registry().find("", "v1", "pods").orElseThrow();
    this.namespaces = kube.registry().find("", "v1", "namespaces").orElseThrow();
    ObjectNode running = (ObjectNode) Json.parseTrusted(Fixtures.runningPodJson());
    this.runningStatus = (ObjectNode) running.get("status");
  }

  /** Creates {@code count} pods spread over {@code namespaceCount} namespaces (created when missing). */
  void fill(int count, int namespaceCount) {
    for (int n = 0; n < namespaceCount; n++) {
      String ns = "load-" + n;
      if (kube.store().get(namespaces.storageResource(), "", ns) == null) {
        ObjectNode namespace = Json.object();
        namespace.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", ns);
        kube.operations().create(namespaces, "v1", "", namespace, RequestContext.forUser());
      }
    }
    int base = kube.store().count(pods.storageResource());
    for (int i = 0; i < count; i++) {
      int id = base + i;
      String ns = "load-" + (id % namespaceCount);
      ObjectNode pod = pod(ns, "web-" + id, "ghost-node-" + (id % 50));
      ObjectNode created = kube.operations().create(pods, "v1", ns, pod, kubelet).object();
      ObjectNode status = runningStatus.deepCopy();
      status.put("podIP", "10.244." + (id / 250 % 256) + "." + (id % 250 + 2));
      status.putArray("podIPs").addObject().put("ip", status.get("podIP").asText());
      created.set("status", status);
      kube.operations().update(pods, "v1", ns, Meta.name(created), created, kubelet, Target.STATUS);
    }
  }

  private static ObjectNode pod(String namespace, String name, String node) {
    return (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"" + namespace + "\",\"labels\":{\"app\":\"web\",\"pod-template-hash\":\"5d8f7c9b4\"}},"
        + "\"spec\":{\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.25\","
        + "\"ports\":[{\"containerPort\":80,\"protocol\":\"TCP\"}],"
        + "\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"16Mi\"}}}]}}").getBytes());
  }
}
