package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.schema.Schema;
import dev.kubemu.core.schema.SchemaCatalog;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.GoDiff;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.List;

/**
 * Pods on create and update (kube-apiserver's {@code ValidatePodCreate} and {@code ValidatePodUpdate}): the spec, the
 * pod-only checks, and on update the few fields a running pod may change.
 */
public final class PodValidation {
  static final String UPDATABLE = "pod updates may not change fields other than `spec.containers[*].image`,"
      + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing "
      + "tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";
  private static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private PodValidation() {}

  public static List<FieldError> validateCreate(JsonNode pod) {
    var errs = metadataAndSpec(pod);
    Path spec = Path.of("spec");
    if (!pod.path("spec").path("ephemeralContainers").isEmpty()) {
      errs.add(spec.child("ephemeralContainers").forbidden("cannot be set on create"));
    }
    if (!Nodes.text(pod.path("spec"), "nodeName").isEmpty() && !pod.path("spec").path("schedulingGates").isEmpty()) {
      errs.add(spec.child("nodeName").forbidden("cannot be set until all schedulingGates have been cleared"));
    }
    return errs;
  }

  /** validatePodMetadataAndSpec (without ObjectMeta, which the write pipeline checks for every kind). */
  private static List<FieldError> metadataAndSpec(JsonNode pod) {
    var errs = new ArrayList<FieldError>();
    Path meta = Path.of("metadata");
    errs.addAll(podSpecificAnnotations(Nodes.get(pod.path("metadata"), "annotations"), meta.child("annotations")));
    JsonNode spec = pod.path("spec");
    Path specPath = Path.of("spec");
    errs.addAll(PodSpecValidation.validate(spec, specPath,
        PodValidationOptions.pod(Nodes.text(pod.path("metadata"), "name"))));
    if (Nodes.text(spec, "serviceAccountName").isEmpty()) {
      JsonNode volumes = spec.path("volumes");
      for (int i = 0; i < volumes.size(); i++) {
        JsonNode sources = volumes.get(i).path("projected").path("sources");
        for (int j = 0; j < sources.size(); j++) {
          if (Nodes.has(sources.get(j), "serviceAccountToken")) {
            errs.add(specPath.child("volumes").index(i).child("projected", "sources").index(j)
                .child("serviceAccountToken").forbidden("must not be specified when serviceAccountName is not set"));
          }
        }
      }
    }
    for (String list : List.of("containers", "initContainers")) {
      JsonNode containers = spec.path(list);
      for (int i = 0; i < containers.size(); i++) {
        String image = Nodes.text(containers.get(i), "image");
        if (!image.equals(image.strip())) {
          errs.add(specPath.child(list).index(i).child("image").invalid(image,
              "must not have leading or trailing whitespace"));
        }
      }
    }
    return errs;
  }

  /** ValidatePodSpecificAnnotations: the mirror-pod and deletion-cost annotations. */
  static List<FieldError> podSpecificAnnotations(JsonNode annotations, Path path) {
    var errs = new ArrayList<FieldError>();
    if (annotations == null) {
      return errs;
    }
    if (annotations.has(DELETION_COST)) {
      String cost = annotations.get(DELETION_COST).asText("");
      try {
        Integer.parseInt(cost);
      } catch (NumberFormatException e) {
        errs.add(path.key(DELETION_COST).invalid(cost, "must be a 32bit integer"));
      }
    }
    return errs;
  }

  /** ValidatePodUpdate. */
  public static List<FieldError> validateUpdate(JsonNode pod, JsonNode old) {
    var errs = metadataAndSpec(pod);
    Path spec = Path.of("spec");
    JsonNode newSpec = pod.path("spec");
    JsonNode oldSpec = old.path("spec");
    for (String list : List.of("containers", "initContainers")) {
      JsonNode newContainers = newSpec.path(list);
      if (newContainers.size() != oldSpec.path(list).size()) {
        errs.add(spec.child(list).forbidden("pod updates may not add or remove containers"));
        return errs;
      }
      for (int i = 0; i < newContainers.size(); i++) {
        String image = Nodes.text(newContainers.get(i), "image");
        if (image.isEmpty()) {
          errs.add(spec.child(list).index(i).child("image").required(""));
        }
      }
    }
    if (Nodes.has(newSpec, "activeDeadlineSeconds")) {
      long value = newSpec.get("activeDeadlineSeconds").asLong();
      if (value < 0 || value > Integer.MAX_VALUE) {
        errs.add(spec.child("activeDeadlineSeconds").invalid(value, Syntax.inclusiveRangeError(0, Integer.MAX_VALUE)));
        return errs;
      }
      if (Nodes.has(oldSpec, "activeDeadlineSeconds") && oldSpec.get("activeDeadlineSeconds").asLong() < value) {
        errs.add(spec.child("activeDeadlineSeconds").invalid(value, "must be less than or equal to previous value"));
        return errs;
      }
    } else if (Nodes.has(oldSpec, "activeDeadlineSeconds")) {
      errs.add(spec.child("activeDeadlineSeconds").invalid(null, "must not update from a positive integer to nil value"));
    }
    errs.addAll(onlyAddedTolerations(newSpec.path("tolerations"), oldSpec.path("tolerations"),
        spec.child("tolerations")));
    errs.addAll(onlyDeletedSchedulingGates(newSpec.path("schedulingGates"), oldSpec.path("schedulingGates"),
        spec.child("schedulingGates")));
    if (Checks.semanticallyEqual(newSpec, oldSpec)) {
      return errs;
    }
    ObjectNode munged = (ObjectNode) newSpec.deepCopy();
    for (String list : List.of("containers", "initContainers")) {
      JsonNode containers = munged.path(list);
      for (int i = 0; i < containers.size(); i++) {
        JsonNode oldImage = oldSpec.path(list).path(i).get("image");
        if (oldImage != null) {
          ((ObjectNode) containers.get(i)).set("image", oldImage);
        } else {
          ((ObjectNode) containers.get(i)).remove("image");
        }
      }
    }
    copyField(oldSpec, munged, "activeDeadlineSeconds");
    copyField(oldSpec, munged, "schedulingGates");
    copyField(oldSpec, munged, "tolerations");
    // the scheduler assigns spec.nodeName once, through the binding subresource
    if (Nodes.text(oldSpec, "nodeName").isEmpty()) {
      copyField(oldSpec, munged, "nodeName");
    }
    if (Nodes.has(oldSpec, "terminationGracePeriodSeconds") && oldSpec.get("terminationGracePeriodSeconds").asLong() < 0
        && munged.path("terminationGracePeriodSeconds").asLong(0) == 1) {
      copyField(oldSpec, munged, "terminationGracePeriodSeconds");
    }
    if (!oldSpec.path("schedulingGates").isEmpty()) {
      // gated pods may gain node selectors and node affinity
      copyField(oldSpec, munged, "nodeSelector");
      if (munged.get("affinity") instanceof ObjectNode affinity) {
        copyField(oldSpec.path("affinity"), affinity, "nodeAffinity");
        if (affinity.isEmpty() && !Nodes.has(oldSpec, "affinity")) {
          munged.remove("affinity");
        }
      }
    }
    if (!Checks.semanticallyEqual(munged, oldSpec)) {
      Schema podSpec = SchemaCatalog.builtin().definition("io.k8s.api.core.v1.PodSpec").orElseThrow();
      errs.add(spec.forbidden(UPDATABLE + "\n" + GoDiff.diff(podSpec, oldSpec, munged)));
    }
    return errs;
  }

  private static void copyField(JsonNode from, ObjectNode to, String field) {
    JsonNode v = from.get(field);
    if (v == null) {
      to.remove(field);
    } else {
      to.set(field, v.deepCopy());
    }
  }

  private static List<FieldError> onlyAddedTolerations(JsonNode newTolerations, JsonNode oldTolerations, Path path) {
    var errs = new ArrayList<FieldError>();
    for (JsonNode old : oldTolerations) {
      boolean found = false;
      for (JsonNode t : newTolerations) {
        // ValidateTolerationUpdate: equal once the old toleration takes the new one's tolerationSeconds
        if (t.isObject() && old.isObject() && Checks.semanticallyEqualExcept(old, t, "tolerationSeconds")) {
          found = true;
          break;
        }
      }
      if (!found) {
        errs.add(path.forbidden("existing toleration can not be modified except its tolerationSeconds"));
        return errs;
      }
    }
    errs.addAll(SchedulingValidation.tolerations(newTolerations, path));
    return errs;
  }

  private static List<FieldError> onlyDeletedSchedulingGates(JsonNode newGates, JsonNode oldGates, Path path) {
    var errs = new ArrayList<FieldError>();
    var old = new java.util.HashSet<String>();
    oldGates.forEach(g -> old.add(Nodes.text(g, "name")));
    for (int i = 0; i < newGates.size(); i++) {
      String name = Nodes.text(newGates.get(i), "name");
      if (!old.contains(name)) {
        errs.add(path.index(i).child("name").forbidden("only deletion is allowed, but found new scheduling gate '"
            + name + "'"));
      }
    }
    return errs;
  }
}
