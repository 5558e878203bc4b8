package dev.kubemu.kinds.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.GoSyntax;
import dev.kubemu.core.validation.Path;
import dev.kubemu.kinds.core.validation.PodTemplateValidation;
import java.util.ArrayList;
import java.util.List;

/**
 * apps/v1 workloads as kube-apiserver 1.33 validates them ({@code pkg/apis/apps/validation} and the registries'
 * update rules): Deployments, ReplicaSets, DaemonSets and StatefulSets.
 */
public final class WorkloadValidation {
  private static final Path SPEC = Path.of("spec");
  static final String STATEFULSET_FORBIDDEN = "updates to statefulset spec for fields other than 'replicas', "
      + "'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are "
      + "forbidden";

  private WorkloadValidation() {}

  // ------------------------------------------------------------------ Deployment

  public static List<FieldError> deployment(JsonNode d) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = d.path("spec");
    errs.addAll(Checks.nonNegative(spec.path("replicas").asLong(0), SPEC.child("replicas")));
    errs.addAll(selectorAndTemplate(spec, "deployment", "ReplicaSet", true));
    errs.addAll(deploymentStrategy(spec.path("strategy"), SPEC.child("strategy")));
    errs.addAll(Checks.nonNegative(spec.path("minReadySeconds").asLong(0), SPEC.child("minReadySeconds")));
    errs.addAll(Checks.nonNegative(spec.get("revisionHistoryLimit"), SPEC.child("revisionHistoryLimit")));
    if (spec.hasNonNull("progressDeadlineSeconds")) {
      long deadline = spec.get("progressDeadlineSeconds").asLong();
      errs.addAll(Checks.nonNegative(deadline, SPEC.child("progressDeadlineSeconds")));
      if (deadline <= spec.path("minReadySeconds").asLong(0)) {
        errs.add(SPEC.child("progressDeadlineSeconds").invalid(deadline, "must be greater than minReadySeconds"));
      }
    }
    return errs;
  }

  public static List<FieldError> deploymentUpdate(JsonNode d, JsonNode old) {
    var errs = new ArrayList<>(deployment(d));
    errs.addAll(immutableSelector(d, old));
    return errs;
  }

  private static List<FieldError> deploymentStrategy(JsonNode strategy, Path path) {
    var errs = new ArrayList<FieldError>();
    String type = strategy.path("type").asText("");
    JsonNode rolling = strategy.get("rollingUpdate");
    boolean hasRolling = rolling != null && !rolling.isNull();
    switch (type) {
      case "Recreate" -> {
        if (hasRolling) {
          errs.add(path.child("rollingUpdate").forbidden("may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> {
        if (!hasRolling) {
          errs.add(path.child("rollingUpdate").required("this should be defaulted and never be nil"));
        } else {
          Path rp = path.child("rollingUpdate");
          JsonNode maxUnavailable = rolling.get("maxUnavailable");
          JsonNode maxSurge = rolling.get("maxSurge");
          errs.addAll(IntOrPercent.positive(maxUnavailable, rp.child("maxUnavailable")));
          errs.addAll(IntOrPercent.positive(maxSurge, rp.child("maxSurge")));
          if (IntOrPercent.value(maxUnavailable) == 0 && IntOrPercent.value(maxSurge) == 0) {
            errs.add(rp.child("maxUnavailable").invalid(GoValue.intOrString(maxUnavailable),
                "may not be 0 when `maxSurge` is 0"));
          }
          errs.addAll(IntOrPercent.notMoreThan100Percent(maxUnavailable, rp.child("maxUnavailable")));
        }
      }
      default -> errs.add(path.notSupported(GoValue.struct("apps.DeploymentStrategy").string("Type", type)
              .field("RollingUpdate", hasRolling ? GoValue.pointer("*apps.RollingUpdateDeployment")
                  : GoValue.nil("*apps.RollingUpdateDeployment")).build(),
          List.of("Recreate", "RollingUpdate")));
    }
    return errs;
  }

  // ------------------------------------------------------------------ ReplicaSet

  public static List<FieldError> replicaSet(JsonNode rs) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = rs.path("spec");
    errs.addAll(Checks.nonNegative(spec.path("replicas").asLong(0), SPEC.child("replicas")));
    errs.addAll(Checks.nonNegative(spec.path("minReadySeconds").asLong(0), SPEC.child("minReadySeconds")));
    // kube-apiserver names Deployments in the ReplicaSet message too
    errs.addAll(selectorAndTemplate(spec, "deployment", "ReplicaSet", true));
    return errs;
  }

  public static List<FieldError> replicaSetUpdate(JsonNode rs, JsonNode old) {
    var errs = new ArrayList<>(replicaSet(rs));
    errs.addAll(immutableSelector(rs, old));
    return errs;
  }

  /**
   * The selector (required, valid, not empty) and a template it selects, validated as a pod template whose pods
   * always restart (ValidatePodTemplateSpecForReplicaSet).
   */
  private static List<FieldError> selectorAndTemplate(JsonNode spec, String kindInMessage, String kindForDeadline,
      boolean selectorRequired) {
    var errs = new ArrayList<FieldError>();
    JsonNode selector = spec.get("selector");
    boolean hasSelector = selector != null && !selector.isNull();
    if (!hasSelector) {
      if (selectorRequired) {
        errs.add(SPEC.child("selector").required(""));
      }
    } else {
      errs.addAll(Checks.labelSelector(selector, SPEC.child("selector"), false));
      if (selector.path("matchLabels").size() + selector.path("matchExpressions").size() == 0) {
        errs.add(SPEC.child("selector").invalid(GoValue.labelSelector(selector),
            "empty selector is invalid for " + kindInMessage));
      }
    }
    LabelSelector parsed;
    try {
      parsed = LabelSelector.fromJson(selector);
    } catch (IllegalArgumentException e) {
      errs.add(SPEC.child("selector").invalid(GoValue.labelSelector(selector), "invalid label selector"));
      return errs;
    }
    errs.addAll(replicaSetTemplate(spec, parsed, kindForDeadline));
    return errs;
  }

  private static List<FieldError> replicaSetTemplate(JsonNode spec, LabelSelector parsed, String kindForDeadline) {
    var errs = new ArrayList<FieldError>();
    JsonNode template = spec.path("template");
    Path tp = SPEC.child("template");
    if (!parsed.isEverything() && !parsed.matches(Meta.labels(template))) {
      errs.add(tp.child("metadata", "labels").invalid(templateLabels(template),
          "`selector` does not match template `labels`"));
    }
    errs.addAll(PodTemplateValidation.validate(template, tp));
    errs.addAll(alwaysRestarts(template, tp, kindForDeadline, false));
    return errs;
  }

  private static List<FieldError> alwaysRestarts(JsonNode template, Path tp, String kind, boolean deadlineInvalid) {
    var errs = new ArrayList<FieldError>();
    String restart = template.path("spec").path("restartPolicy").asText("");
    if (!restart.equals("Always")) {
      errs.add(tp.child("spec", "restartPolicy").notSupported(restart, List.of("Always")));
    }
    JsonNode deadline = template.path("spec").get("activeDeadlineSeconds");
    if (deadline != null && !deadline.isNull()) {
      Path dp = tp.child("spec", "activeDeadlineSeconds");
      errs.add(deadlineInvalid ? dp.invalid(deadline.asLong(), "activeDeadlineSeconds in " + kind + " is not Supported")
          : dp.forbidden("activeDeadlineSeconds in " + kind + " is not Supported"));
    }
    return errs;
  }

  private static GoValue templateLabels(JsonNode template) {
    return GoValue.stringMap(template.path("metadata").get("labels"));
  }

  private static List<FieldError> immutableSelector(JsonNode obj, JsonNode old) {
    JsonNode selector = obj.path("spec").get("selector");
    return Checks.immutable(selector, old.path("spec").get("selector"),
        selector == null || selector.isNull() ? GoValue.nil("*v1.LabelSelector") : GoValue.labelSelector(selector),
        SPEC.child("selector"));
  }

  // ------------------------------------------------------------------ DaemonSet

  public static List<FieldError> daemonSet(JsonNode ds) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = ds.path("spec");
    JsonNode selector = spec.get("selector");
    errs.addAll(Checks.labelSelector(selector, SPEC.child("selector"), false));
    JsonNode template = spec.path("template");
    try {
      LabelSelector parsed = LabelSelector.fromJson(selector);
      if (!parsed.matches(Meta.labels(template))) {
        errs.add(SPEC.child("template", "metadata", "labels").invalid(templateLabels(template),
            "`selector` does not match template `labels`"));
      }
    } catch (IllegalArgumentException e) {
      // reported by the selector validation
    }
    if (selector != null && !selector.isNull()
        && selector.path("matchLabels").size() + selector.path("matchExpressions").size() == 0) {
      errs.add(SPEC.child("selector").invalid(GoValue.labelSelector(selector), "empty selector is invalid for daemonset"));
    }
    Path tp = SPEC.child("template");
    errs.addAll(PodTemplateValidation.validate(template, tp));
    errs.addAll(alwaysRestarts(template, tp, "DaemonSet", true));
    errs.addAll(Checks.nonNegative(spec.path("minReadySeconds").asLong(0), SPEC.child("minReadySeconds")));
    errs.addAll(Checks.nonNegative(spec.path("templateGeneration").asLong(0), SPEC.child("templateGeneration")));
    errs.addAll(daemonSetStrategy(spec.path("updateStrategy"), SPEC.child("updateStrategy")));
    errs.addAll(Checks.nonNegative(spec.get("revisionHistoryLimit"), SPEC.child("revisionHistoryLimit")));
    return errs;
  }

  public static List<FieldError> daemonSetUpdate(JsonNode ds, JsonNode old) {
    var errs = new ArrayList<>(daemonSet(ds));
    errs.addAll(immutableSelector(ds, old));
    return errs;
  }

  private static List<FieldError> daemonSetStrategy(JsonNode strategy, Path path) {
    var errs = new ArrayList<FieldError>();
    String type = strategy.path("type").asText("");
    JsonNode rolling = strategy.get("rollingUpdate");
    switch (type) {
      case "OnDelete" -> { }
      case "RollingUpdate" -> {
        if (rolling == null || rolling.isNull()) {
          errs.add(path.child("rollingUpdate").required(""));
          return errs;
        }
        Path rp = path.child("rollingUpdate");
        JsonNode maxUnavailable = rolling.get("maxUnavailable");
        JsonNode maxSurge = rolling.get("maxSurge");
        errs.addAll(IntOrPercent.positive(maxUnavailable, rp.child("maxUnavailable")));
        errs.addAll(IntOrPercent.positive(maxSurge, rp.child("maxSurge")));
        errs.addAll(IntOrPercent.notMoreThan100Percent(maxUnavailable, rp.child("maxUnavailable")));
        errs.addAll(IntOrPercent.notMoreThan100Percent(maxSurge, rp.child("maxSurge")));
        boolean unavailable = IntOrPercent.value(maxUnavailable) != 0;
        boolean surge = IntOrPercent.value(maxSurge) != 0;
        if (unavailable && surge) {
          errs.add(rp.child("maxSurge").invalid(GoValue.intOrString(maxSurge),
              "may not be set when maxUnavailable is non-zero"));
        } else if (!unavailable && !surge) {
          errs.add(rp.child("maxUnavailable").required("cannot be 0 when maxSurge is 0"));
        }
      }
      default -> errs.add(path.notSupported(GoValue.struct("apps.DaemonSetUpdateStrategy").string("Type", type)
              .field("RollingUpdate", rolling != null && !rolling.isNull()
                  ? GoValue.pointer("*apps.RollingUpdateDaemonSet") : GoValue.nil("*apps.RollingUpdateDaemonSet"))
              .build(),
          List.of("RollingUpdate", "OnDelete")));
    }
    return errs;
  }

  // ------------------------------------------------------------------ StatefulSet

  public static List<FieldError> statefulSet(JsonNode sts) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = sts.path("spec");
    String policy = spec.path("podManagementPolicy").asText("");
    switch (policy) {
      case "" -> errs.add(SPEC.child("podManagementPolicy").required(""));
      case "OrderedReady", "Parallel" -> { }
      default -> errs.add(SPEC.child("podManagementPolicy").invalid(policy, "must be 'OrderedReady' or 'Parallel'"));
    }
    JsonNode strategy = spec.path("updateStrategy");
    JsonNode rolling = strategy.get("rollingUpdate");
    boolean hasRolling = rolling != null && !rolling.isNull();
    Path sp = SPEC.child("updateStrategy");
    switch (strategy.path("type").asText("")) {
      case "" -> errs.add(sp.required(""));
      case "OnDelete" -> {
        if (hasRolling) {
          errs.add(sp.child("rollingUpdate").invalid(GoSyntax.of(
              "io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy", rolling),
              "only allowed for updateStrategy 'RollingUpdate'"));
        }
      }
      case "RollingUpdate" -> {
        if (hasRolling) {
          Path rp = sp.child("rollingUpdate");
          errs.addAll(Checks.nonNegative(rolling.path("partition").asLong(0), rp.child("partition")));
          JsonNode maxUnavailable = rolling.get("maxUnavailable");
          if (maxUnavailable != null && !maxUnavailable.isNull()) {
            errs.addAll(IntOrPercent.positive(maxUnavailable, rp.child("maxUnavailable")));
            if (IntOrPercent.value(maxUnavailable) == 0) {
              errs.add(rp.child("maxUnavailable").invalid(GoValue.intOrString(maxUnavailable), "cannot be 0"));
            }
            errs.addAll(IntOrPercent.notMoreThan100Percent(maxUnavailable, rp.child("maxUnavailable")));
          }
        }
      }
      default -> errs.add(sp.invalid(GoSyntax.of("io.k8s.api.apps.v1.StatefulSetUpdateStrategy", strategy),
          "must be 'RollingUpdate' or 'OnDelete'"));
    }
    JsonNode retention = spec.get("persistentVolumeClaimRetentionPolicy");
    if (retention != null && !retention.isNull()) {
      for (String f : List.of("whenDeleted", "whenScaled")) {
        String v = retention.path(f).asText("");
        if (!v.equals("Retain") && !v.equals("Delete")) {
          errs.add(SPEC.child("persistentVolumeClaimRetentionPolicy", f).notSupported(v, List.of("Retain", "Delete")));
        }
      }
    }
    errs.addAll(Checks.nonNegative(spec.path("replicas").asLong(0), SPEC.child("replicas")));
    errs.addAll(Checks.nonNegative(spec.path("minReadySeconds").asLong(0), SPEC.child("minReadySeconds")));
    if (spec.hasNonNull("ordinals")) {
      errs.addAll(Checks.nonNegative(spec.path("ordinals").path("start").asLong(0), SPEC.child("ordinals.start")));
    }
    JsonNode selector = spec.get("selector");
    if (selector == null || selector.isNull()) {
      errs.add(SPEC.child("selector").required(""));
    } else {
      errs.addAll(Checks.labelSelector(selector, SPEC.child("selector"), false));
      if (selector.path("matchLabels").size() + selector.path("matchExpressions").size() == 0) {
        errs.add(SPEC.child("selector").invalid(GoValue.labelSelector(selector), "empty selector is invalid for statefulset"));
      }
    }
    JsonNode template = spec.path("template");
    Path tp = SPEC.child("template");
    LabelSelector parsed = null;
    try {
      parsed = LabelSelector.fromJson(selector);
    } catch (IllegalArgumentException e) {
      errs.add(SPEC.child("selector").invalid(GoValue.labelSelector(selector), ""));
    }
    if (parsed != null) {
      if (!parsed.isEverything() && !parsed.matches(Meta.labels(template))) {
        errs.add(tp.child("metadata", "labels").invalid(templateLabels(template),
            "`selector` does not match template `labels`"));
      }
      // kube-apiserver 1.33 checks only the template's labels and annotations here: its pod spec and the claim
      // templates are first validated by 1.34, so until then mistakes there surface as FailedCreate events
      errs.addAll(PodTemplateValidation.metadata(template, tp));
    }
    errs.addAll(alwaysRestarts(template, tp, "StatefulSet", false));
    return errs;
  }

  public static List<FieldError> statefulSetUpdate(JsonNode sts, JsonNode old) {
    var errs = new ArrayList<>(statefulSet(sts));
    ObjectNode newSpec = sts.path("spec") instanceof ObjectNode o ? o.deepCopy() : dev.kubemu.core.object.Json.object();
    JsonNode oldSpec = old.path("spec");
    for (String mutable : List.of("replicas", "template", "updateStrategy", "minReadySeconds", "ordinals",
        "persistentVolumeClaimRetentionPolicy")) {
      JsonNode v = oldSpec.get(mutable);
      if (v == null) {
        newSpec.remove(mutable);
      } else {
        newSpec.set(mutable, v);
      }
    }
    if (!Checks.semanticallyEqual(newSpec, oldSpec)) {
      errs.add(SPEC.forbidden(STATEFULSET_FORBIDDEN));
    }
    return errs;
  }
}
