package dev.kubemu.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.registry.GroupResource;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.registry.ResourceRegistry;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.registry.Subresource;
import dev.kubemu.kinds.apps.ControllerRevisionValidation;
import dev.kubemu.kinds.apps.WorkloadStrategy;
import dev.kubemu.kinds.autoscaling.HorizontalPodAutoscalerV1Converter;
import dev.kubemu.kinds.autoscaling.HpaDefaults;
import dev.kubemu.kinds.autoscaling.HpaValidation;
import dev.kubemu.kinds.batch.CronJobStrategy;
import dev.kubemu.kinds.batch.JobStrategy;
import dev.kubemu.kinds.events.EventsV1Converter;
import dev.kubemu.kinds.core.DefaultingStrategy;
import dev.kubemu.kinds.core.LimitRangeDefaults;
import dev.kubemu.kinds.core.NamespaceStrategy;
import dev.kubemu.kinds.core.PersistentVolumeClaimDefaults;
import dev.kubemu.kinds.core.PersistentVolumeStrategy;
import dev.kubemu.kinds.core.PodSpecDefaults;
import dev.kubemu.kinds.core.PodStrategy;
import dev.kubemu.kinds.core.SecretStrategy;
import dev.kubemu.kinds.core.ServiceStrategy;
import dev.kubemu.kinds.core.SpecStatusStrategy;
import dev.kubemu.kinds.core.validation.ConfigDataValidation;
import dev.kubemu.kinds.core.validation.PersistentVolumeValidation;
import dev.kubemu.kinds.core.validation.ReplicationControllerValidation;
import dev.kubemu.kinds.networking.IngressValidation;
import dev.kubemu.kinds.networking.NetworkPolicyValidation;
import dev.kubemu.kinds.policy.PodDisruptionBudgetValidation;
import dev.kubemu.kinds.storage.StorageClassValidation;
import dev.kubemu.kinds.printing.AppsPrinters;
import dev.kubemu.kinds.printing.CorePrinters;
import dev.kubemu.kinds.printing.DefaultPrinters;
import dev.kubemu.kinds.printing.OtherPrinters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The built-in resource types kubemu serves, in the group order kube-apiserver publishes (which decides the order
 * of {@code kubectl get all}). Each entry is the single description of its resource.
 */
public final class BuiltinTypes {
  private BuiltinTypes() {}

  /** A new registry of all built-in types. */
  public static ResourceRegistry registry() {
    var types = new ArrayList<ResourceType>();
    types.addAll(core());
    types.addAll(apps());
    types.addAll(events());
    types.addAll(autoscaling());
    types.addAll(batch());
    types.addAll(networking());
    types.addAll(policy());
    types.addAll(storage());
    types.addAll(coordination());
    types.addAll(discovery());
    return ResourceRegistry.of(types);
  }

  private static List<ResourceType> core() {
    return List.of(
        type("", "Binding", "bindings").version("v1").verbs("create")
            .printerColumns(DefaultPrinters.columns()).build(),
        type("", "ConfigMap", "configmaps").version("v1").shortNames("cm")
            .printerColumns(CorePrinters.configMaps())
            .strategy(new DefaultingStrategy(cm -> {}, ConfigDataValidation::configMap,
                ConfigDataValidation::configMapUpdate)).build(),
        type("", "Endpoints", "endpoints").version("v1").shortNames("ep")
            .deprecated("v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice")
            .printerColumns(CorePrinters.endpoints()).build(),
        type("", "Event", "events").version("v1").shortNames("ev")
            .printerColumns(CorePrinters.events())
            .fieldSelector("involvedObject.kind", text("/involvedObject/kind"))
            .fieldSelector("involvedObject.namespace", text("/involvedObject/namespace"))
            .fieldSelector("involvedObject.name", text("/involvedObject/name"))
            .fieldSelector("involvedObject.uid", text("/involvedObject/uid"))
            .fieldSelector("involvedObject.apiVersion", text("/involvedObject/apiVersion"))
            .fieldSelector("involvedObject.resourceVersion", text("/involvedObject/resourceVersion"))
            .fieldSelector("involvedObject.fieldPath", text("/involvedObject/fieldPath"))
            .fieldSelector("reason", text("/reason"))
            .fieldSelector("reportingComponent", text("/reportingComponent"))
            .fieldSelector("source", event -> {
              String component = event.path("source").path("component").asText("");
              return component.isEmpty() ? event.path("reportingComponent").asText("") : component;
            })
            .fieldSelector("type", text("/type"))
            .build(),
        type("", "LimitRange", "limitranges").version("v1").shortNames("limits")
            .printerColumns(DefaultPrinters.columns())
            .strategy(new DefaultingStrategy(LimitRangeDefaults::apply)).build(),
        type("", "Namespace", "namespaces").version("v1").clusterScoped().shortNames("ns")
            .verbs("create", "delete", "get", "list", "patch", "update", "watch")
            .statusSubresource()
            .subresource(new Subresource("finalize", null, List.of("update")))
            .printerColumns(CorePrinters.namespaces())
            .fieldSelector("status.phase", text("/status/phase"))
            .strategy(new NamespaceStrategy()).build(),
        type("", "Node", "nodes").version("v1").clusterScoped().shortNames("no")
            .statusSubresource()
            .printerColumns(CorePrinters.nodes())
            .fieldSelector("spec.unschedulable", node -> Boolean.toString(node.path("spec").path("unschedulable")
                .asBoolean(false)))
            .build(),
        type("", "PersistentVolumeClaim", "persistentvolumeclaims").version("v1").shortNames("pvc")
            .statusSubresource()
            .printerColumns(CorePrinters.persistentVolumeClaims())
            .strategy(new SpecStatusStrategy(false, status -> status.put("phase", "Pending"), pvc -> {
              if (pvc.path("spec") instanceof ObjectNode spec) {
                PersistentVolumeClaimDefaults.spec(spec);
              }
            }).validatedBy(PersistentVolumeValidation::claim, PersistentVolumeValidation::claimUpdate)).build(),
        type("", "PersistentVolume", "persistentvolumes").version("v1").clusterScoped()
            .shortNames("pv").statusSubresource()
            .printerColumns(CorePrinters.persistentVolumes())
            .strategy(new PersistentVolumeStrategy()).build(),
        type("", "Pod", "pods").version("v1").shortNames("po").categories("all")
            .statusSubresource()
            .subresource(new Subresource("binding", new GroupVersionKind("", "v1", "Binding"), List.of("create")))
            .subresource(new Subresource("eviction", new GroupVersionKind("policy", "v1", "Eviction"),
                List.of("create")))
            .subresource(new Subresource("log", null, List.of("get")))
            .subresource(new Subresource("exec", new GroupVersionKind("", "v1", "PodExecOptions"),
                List.of("create", "get")))
            .subresource(new Subresource("attach", new GroupVersionKind("", "v1", "PodAttachOptions"),
                List.of("create", "get")))
            .subresource(new Subresource("portforward", new GroupVersionKind("", "v1", "PodPortForwardOptions"),
                List.of("create", "get")))
            .printerColumns(CorePrinters.pods())
            .fieldSelector("spec.nodeName", text("/spec/nodeName"))
            .fieldSelector("spec.restartPolicy", text("/spec/restartPolicy"))
            .fieldSelector("spec.schedulerName", text("/spec/schedulerName"))
            .fieldSelector("spec.serviceAccountName", text("/spec/serviceAccountName"))
            .fieldSelector("spec.hostNetwork", pod -> Boolean.toString(pod.path("spec").path("hostNetwork")
                .asBoolean(false)))
            .fieldSelector("status.phase", text("/status/phase"))
            .fieldSelector("status.podIP", text("/status/podIP"))
            .fieldSelector("status.nominatedNodeName", text("/status/nominatedNodeName"))
            .strategy(new PodStrategy()).build(),
        type("", "ReplicationController", "replicationcontrollers").version("v1").shortNames("rc")
            .categories("all").statusSubresource().scalable()
            .printerColumns(CorePrinters.replicationControllers())
            .strategy(new SpecStatusStrategy(true, status -> status.put("replicas", 0), rc -> {
              if (rc.path("spec") instanceof ObjectNode spec) {
                if (!spec.hasNonNull("replicas")) {
                  spec.put("replicas", 1);
                }
                if (spec.get("template") instanceof ObjectNode template) {
                  PodSpecDefaults.template(template);
                  // SetDefaults_ReplicationController: selector and labels from the template's labels
                  JsonNode labels = template.path("metadata").get("labels");
                  if (labels instanceof ObjectNode l && !l.isEmpty()) {
                    if (spec.path("selector").isEmpty()) {
                      spec.set("selector", l.deepCopy());
                    }
                    ObjectNode meta = dev.kubemu.core.object.Meta.metaForWrite(rc);
                    if (meta.path("labels").isEmpty()) {
                      meta.set("labels", l.deepCopy());
                    }
                  }
                }
              }
            }).validatedBy(ReplicationControllerValidation::validate)).build(),
        type("", "ResourceQuota", "resourcequotas").version("v1").shortNames("quota")
            .statusSubresource().printerColumns(OtherPrinters.resourceQuotas()).build(),
        type("", "Secret", "secrets").version("v1")
            .printerColumns(CorePrinters.secrets())
            .fieldSelector("type", text("/type"))
            .strategy(new SecretStrategy()).build(),
        type("", "ServiceAccount", "serviceaccounts").version("v1").shortNames("sa")
            .printerColumns(CorePrinters.serviceAccounts()).build(),
        type("", "Service", "services").version("v1").shortNames("svc").categories("all")
            .statusSubresource()
            .printerColumns(CorePrinters.services())
            .fieldSelector("spec.clusterIP", text("/spec/clusterIP"))
            .fieldSelector("spec.type", text("/spec/type"))
            .strategy(new ServiceStrategy()).build());
  }

  private static List<ResourceType> apps() {
    return List.of(
        type("apps", "ControllerRevision", "controllerrevisions").version("v1")
            .printerColumns(AppsPrinters.controllerRevisions())
            .strategy(new DefaultingStrategy(cr -> {}, ControllerRevisionValidation::validate,
                ControllerRevisionValidation::validateUpdate)).build(),
        type("apps", "DaemonSet", "daemonsets").version("v1").shortNames("ds").categories("all")
            .statusSubresource().printerColumns(AppsPrinters.daemonSets())
            .strategy(WorkloadStrategy.daemonSets()).build(),
        type("apps", "Deployment", "deployments").version("v1").shortNames("deploy")
            .categories("all").statusSubresource().scalable().printerColumns(AppsPrinters.deployments())
            .strategy(WorkloadStrategy.deployments()).build(),
        type("apps", "ReplicaSet", "replicasets").version("v1").shortNames("rs").categories("all")
            .statusSubresource().scalable().printerColumns(AppsPrinters.replicaSets())
            .fieldSelector("status.replicas", rs -> Long.toString(rs.path("status").path("replicas").asLong(0)))
            .strategy(WorkloadStrategy.replicaSets()).build(),
        type("apps", "StatefulSet", "statefulsets").version("v1").shortNames("sts")
            .categories("all").statusSubresource().scalable().printerColumns(AppsPrinters.statefulSets())
            .strategy(WorkloadStrategy.statefulSets()).build());
  }

  private static List<ResourceType> events() {
    return List.of(
        type("events.k8s.io", "Event", "events").version("v1", new EventsV1Converter())
            .shortNames("ev")
            .storedAs(new GroupResource("", "events"), new GroupVersionKind("", "v1", "Event"))
            .printerColumns(CorePrinters.events()).build());
  }

  private static List<ResourceType> autoscaling() {
    return List.of(
        type("autoscaling", "HorizontalPodAutoscaler", "horizontalpodautoscalers")
            .version("v2").version("v1", new HorizontalPodAutoscalerV1Converter()).storageVersion("v2")
            .shortNames("hpa").categories("all").statusSubresource()
            .printerColumns(OtherPrinters.horizontalPodAutoscalers())
            .strategy(new SpecStatusStrategy(true, status -> {}, HpaDefaults::apply)
                .validatedBy(HpaValidation::validate)).build());
  }

  private static List<ResourceType> batch() {
    return List.of(
        type("batch", "CronJob", "cronjobs").version("v1").shortNames("cj").categories("all")
            .statusSubresource().printerColumns(OtherPrinters.cronJobs())
            .strategy(new CronJobStrategy()).build(),
        type("batch", "Job", "jobs").version("v1").categories("all").statusSubresource()
            .printerColumns(OtherPrinters.jobs())
            .fieldSelector("status.successful", job -> Long.toString(job.path("status").path("succeeded").asLong(0)))
            .strategy(new JobStrategy()).build());
  }

  private static List<ResourceType> networking() {
    return List.of(
        type("networking.k8s.io", "IngressClass", "ingressclasses").version("v1").clusterScoped()
            .printerColumns(OtherPrinters.ingressClasses()).build(),
        type("networking.k8s.io", "Ingress", "ingresses").version("v1").shortNames("ing")
            .statusSubresource().printerColumns(OtherPrinters.ingresses())
            .strategy(new SpecStatusStrategy(true, status -> status.putObject("loadBalancer"), ing -> {})
                .validatedBy(IngressValidation::validate)).build(),
        type("networking.k8s.io", "NetworkPolicy", "networkpolicies").version("v1")
            .shortNames("netpol").printerColumns(OtherPrinters.networkPolicies())
            .strategy(new SpecStatusStrategy(true, status -> {}, NetworkPolicyValidation::defaults)
                .validatedBy(NetworkPolicyValidation::validate)).build());
  }

  private static List<ResourceType> policy() {
    return List.of(
        type("policy", "PodDisruptionBudget", "poddisruptionbudgets").version("v1")
            .shortNames("pdb").statusSubresource().printerColumns(OtherPrinters.podDisruptionBudgets())
            .strategy(new SpecStatusStrategy(true, status -> {
              status.put("disruptionsAllowed", 0);
              status.put("currentHealthy", 0);
              status.put("desiredHealthy", 0);
              status.put("expectedPods", 0);
            }, pdb -> {}).validatedBy(PodDisruptionBudgetValidation::validate)).build());
  }

  private static List<ResourceType> storage() {
    return List.of(
        type("storage.k8s.io", "StorageClass", "storageclasses").version("v1").clusterScoped()
            .shortNames("sc").printerColumns(OtherPrinters.storageClasses())
            .strategy(new DefaultingStrategy(sc -> {
              if (!sc.hasNonNull("reclaimPolicy")) {
                sc.put("reclaimPolicy", "Delete");
              }
              if (!sc.hasNonNull("volumeBindingMode")) {
                sc.put("volumeBindingMode", "Immediate");
              }
            }, StorageClassValidation::validate, StorageClassValidation::validateUpdate)).build());
  }

  private static List<ResourceType> coordination() {
    return List.of(
        type("coordination.k8s.io", "Lease", "leases").version("v1")
            .printerColumns(OtherPrinters.leases()).build());
  }

  private static List<ResourceType> discovery() {
    return List.of(
        type("discovery.k8s.io", "EndpointSlice", "endpointslices").version("v1")
            .printerColumns(OtherPrinters.endpointSlices()).build());
  }

  /** A builder carrying the kind's strategic-merge metadata. */
  private static ResourceType.Builder type(String group, String kind, String plural) {
    return ResourceType.builder(group, kind, plural);
  }

  private static Function<JsonNode, String> text(String pointer) {
    return object -> object.at(pointer).asText("");
  }
}
