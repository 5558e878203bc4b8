package dev.kubemu.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.controllers.volume.SimulatedDiskProvisioner;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.kubelet.NodeFactory;
import dev.kubemu.kubelet.NodeShape;
import java.util.List;

/**
 * Creates what every fresh cluster has: the system namespaces with their default ServiceAccounts, the
 * {@code default/kubernetes} Service and its Endpoints, the default StorageClass, and the nodes with their Leases.
 * Everything goes through {@link ResourceOperations}, so it is defaulted and validated like any client's object.
 */
final class ClusterBootstrap {
  static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-node-lease", "kube-public", "kube-system");
  static final String KUBERNETES_SERVICE_IP = "10.96.0.1";
  static final String APISERVER_ENDPOINT_IP = "172.18.0.1";
  /**
   * The default StorageClass's name: managed clusters ship one (AKS's is called {@code default}, which the workshop
   * manifests name in {@code storageClassName}).
   */
  static final String DEFAULT_STORAGE_CLASS = "default";

  private final ResourceOperations operations;
  private final RequestContext apiserver = RequestContext.internal("kube-apiserver");

  ClusterBootstrap(ResourceOperations operations) {
    this.operations = operations;
  }

  void createAll(int nodes, NodeShape shape) {
    for (String ns : SYSTEM_NAMESPACES) {
      ObjectNode namespace = object("v1", "Namespace", ns, null);
      create("namespaces", "", namespace);
    }
    for (String ns : SYSTEM_NAMESPACES) {
      create("serviceaccounts", "", object("v1", "ServiceAccount", "default", ns));
    }
    createKubernetesService();
    createDefaultStorageClass();
    for (int i = 0; i < nodes; i++) {
      ObjectNode node = NodeFactory.node(i, shape, operations.clock().now());
      ObjectNode created = create("nodes", "", node);
      create("leases", "coordination.k8s.io", NodeFactory.lease(Meta.name(created), Meta.uid(created),
          operations.clock().now()));
    }
  }

  /** The Service and Endpoints that point at the apiserver itself; recreated whenever someone deletes them. */
  void createKubernetesService() {
    ObjectNode svc = object("v1", "Service", "kubernetes", "default");
    ObjectNode labels = ((ObjectNode) svc.get("metadata")).putObject("labels");
    labels.put("component", "apiserver");
    labels.put("provider", "kubernetes");
    ObjectNode spec = svc.putObject("spec");
    spec.put("type", "ClusterIP");
    spec.put("clusterIP", KUBERNETES_SERVICE_IP);
    ObjectNode port = spec.putArray("ports").addObject();
    port.put("name", "https");
    port.put("port", 443);
    port.put("protocol", "TCP");
    port.put("targetPort", 6443);
    createIfMissing("services", "", svc);
    ObjectNode endpoints = object("v1", "Endpoints", "kubernetes", "default");
    ((ObjectNode) endpoints.get("metadata")).putObject("labels").put("endpointslice.kubernetes.io/skip-mirror",
        "true");
    ObjectNode subset = endpoints.putArray("subsets").addObject();
    subset.putArray("addresses").addObject().put("ip", APISERVER_ENDPOINT_IP);
    ObjectNode epPort = subset.putArray("ports").addObject();
    epPort.put("name", "https");
    epPort.put("port", 6443);
    epPort.put("protocol", "TCP");
    createIfMissing("endpoints", "", endpoints);
  }

  /**
   * Like the default class of kind or a managed cluster: claims without a class get it (DefaultStorageClass
   * admission), and their volumes are provisioned on the node of their first pod (WaitForFirstConsumer), because the
   * simulated disks are node-local.
   */
  private void createDefaultStorageClass() {
    ObjectNode sc = object("storage.k8s.io/v1", "StorageClass", DEFAULT_STORAGE_CLASS, null);
    ((ObjectNode) sc.get("metadata")).putObject("annotations")
        .put("storageclass.kubernetes.io/is-default-class", "true");
    sc.put("provisioner", SimulatedDiskProvisioner.NAME);
    sc.put("reclaimPolicy", "Delete");
    sc.put("volumeBindingMode", "WaitForFirstConsumer");
    sc.put("allowVolumeExpansion", true);
    create("storageclasses", "storage.k8s.io", sc);
  }

  private ObjectNode create(String plural, String group, ObjectNode object) {
    ResourceType type = type(group, plural);
    return operations.create(type, type.storageVersion(), Meta.namespace(object), object, apiserver).object();
  }

  private void createIfMissing(String plural, String group, ObjectNode object) {
    ResourceType type = type(group, plural);
    if (operations.store().get(type.storageResource(), Meta.namespace(object), Meta.name(object)) == null) {
      try {
        operations.create(type, type.storageVersion(), Meta.namespace(object), object, apiserver);
      } catch (dev.kubemu.core.errors.ApiException e) {
        if (e.code() != 409) {
          throw e;
        }
      }
    }
  }

  private ResourceType type(String group, String plural) {
    return operations.registry().find(group, "v1", plural).orElseThrow(() -> new IllegalStateException(
        "built-in type " + plural + "." + group + " is not registered"));
  }

  private static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
    ObjectNode o = Json.object();
    o.put("kind", kind);
    o.put("apiVersion", apiVersion);
    ObjectNode meta = o.putObject("metadata");
    meta.put("name", name);
    if (namespace != null) {
      meta.put("namespace", namespace);
    }
    return o;
  }
}
