package dev.kubemu.kinds.patchmeta;

import dev.kubemu.core.patch.PatchMeta;

/**
 * Strategic-merge metadata of the built-in kinds: the {@code patchStrategy}/{@code patchMergeKey} tags of the
 * k8s.io/api Go types, written once per shared type (ObjectMeta, PodSpec, Container, ...) and composed per kind.
 */
public final class BuiltinPatchMeta {
  static final PatchMeta OBJECT_META = PatchMeta.object()
      .field("finalizers", PatchMeta.primitiveSet())
      .field("ownerReferences", PatchMeta.list("uid"))
      .build();

  static final PatchMeta CONTAINER = PatchMeta.object()
      .field("ports", PatchMeta.list("containerPort"))
      .field("env", PatchMeta.list("name"))
      .field("volumeMounts", PatchMeta.list("mountPath"))
      .field("volumeDevices", PatchMeta.list("devicePath"))
      .build();

  static final PatchMeta POD_SPEC = PatchMeta.object()
      .field("containers", PatchMeta.list("name").field("ports", CONTAINER.field("ports"))
          .field("env", CONTAINER.field("env")).field("volumeMounts", CONTAINER.field("volumeMounts"))
          .field("volumeDevices", CONTAINER.field("volumeDevices")))
      .field("initContainers", PatchMeta.list("name").field("ports", CONTAINER.field("ports"))
          .field("env", CONTAINER.field("env")).field("volumeMounts", CONTAINER.field("volumeMounts"))
          .field("volumeDevices", CONTAINER.field("volumeDevices")))
      .field("ephemeralContainers", PatchMeta.list("name").field("env", CONTAINER.field("env"))
          .field("volumeMounts", CONTAINER.field("volumeMounts")))
      .field("volumes", PatchMeta.list("name").retainKeys())
      .field("imagePullSecrets", PatchMeta.list("name"))
      .field("hostAliases", PatchMeta.list("ip"))
      .field("topologySpreadConstraints", PatchMeta.list("topologyKey"))
      .field("resourceClaims", PatchMeta.list("name").retainKeys())
      .field("schedulingGates", PatchMeta.list("name"))
      .build();

  static final PatchMeta POD_TEMPLATE = PatchMeta.object()
      .field("metadata", OBJECT_META)
      .field("spec", POD_SPEC)
      .build();

  static final PatchMeta POD_STATUS = PatchMeta.object()
      .field("conditions", PatchMeta.list("type"))
      .field("podIPs", PatchMeta.list("ip"))
      .field("hostIPs", PatchMeta.list("ip"))
      .build();

  private BuiltinPatchMeta() {}

  /** The metadata of a top-level kind; kinds without merge keys beyond ObjectMeta get only that. */
  public static PatchMeta forKind(String group, String kind) {
    return switch (group + "/" + kind) {
      case "/Pod" -> PatchMeta.object().field("metadata", OBJECT_META).field("spec", POD_SPEC)
          .field("status", POD_STATUS).build();
      case "apps/Deployment" -> workload(PatchMeta.object().field("template", POD_TEMPLATE)
          .field("strategy", PatchMeta.object().retainKeys()).build(), "conditions");
      case "apps/ReplicaSet", "apps/DaemonSet", "/ReplicationController" ->
          workload(PatchMeta.object().field("template", POD_TEMPLATE).build(), "conditions");
      case "apps/StatefulSet" -> workload(PatchMeta.object().field("template", POD_TEMPLATE)
          .field("volumeClaimTemplates", PatchMeta.EMPTY).build(), "conditions");
      case "batch/Job" -> workload(PatchMeta.object().field("template", POD_TEMPLATE).build(), "conditions");
      case "batch/CronJob" -> PatchMeta.object().field("metadata", OBJECT_META)
          .field("spec", PatchMeta.object().field("jobTemplate", PatchMeta.object()
              .field("spec", PatchMeta.object().field("template", POD_TEMPLATE)))).build();
      case "/Service" -> PatchMeta.object().field("metadata", OBJECT_META)
          .field("spec", PatchMeta.object().field("ports", PatchMeta.list("port")))
          .field("status", PatchMeta.object().field("conditions", PatchMeta.list("type"))).build();
      case "/Node" -> PatchMeta.object().field("metadata", OBJECT_META)
          .field("spec", PatchMeta.object().field("podCIDRs", PatchMeta.primitiveSet()))
          .field("status", PatchMeta.object().field("conditions", PatchMeta.list("type"))
              .field("addresses", PatchMeta.list("type"))).build();
      case "/Namespace", "/PersistentVolumeClaim", "/PersistentVolume" -> PatchMeta.object()
          .field("metadata", OBJECT_META)
          .field("status", PatchMeta.object().field("conditions", PatchMeta.list("type"))).build();
      default -> PatchMeta.object().field("metadata", OBJECT_META).build();
    };
  }

  private static PatchMeta workload(PatchMeta spec, String conditionsField) {
    return PatchMeta.object().field("metadata", OBJECT_META).field("spec", spec)
        .field("status", PatchMeta.object().field(conditionsField, PatchMeta.list("type"))).build();
  }
}
