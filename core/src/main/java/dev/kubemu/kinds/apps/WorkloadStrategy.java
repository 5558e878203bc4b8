package dev.kubemu.kinds.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.object.Meta;
import dev.kubemu.kinds.core.PodSpecDefaults;
import dev.kubemu.kinds.core.PodSpecValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Deployments, ReplicaSets, StatefulSets and DaemonSets: spec changes bump the generation, status is reset on
 * create, the pod template is defaulted like a pod, and the selector must select the template and never change.
 */
public final class WorkloadStrategy implements ResourceStrategy {
  private final boolean hasReplicas;
  private final Consumer<ObjectNode> specDefaults;

  /**
   * @param hasReplicas  whether {@code spec.replicas} exists (not for DaemonSets)
   * @param specDefaults kind-specific spec defaults (strategy, history limits, ...)
   */
  public WorkloadStrategy(boolean hasReplicas, Consumer<ObjectNode> specDefaults) {
    this.hasReplicas = hasReplicas;
    this.specDefaults = specDefaults;
  }

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  @Override
  public void prepareForCreate(ObjectNode object, WriteContext ctx) {
    object.putObject("status");
  }

  @Override
  public void applyDefaults(ObjectNode object, WriteContext ctx) {
    if (!(object.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    if (hasReplicas && !spec.has("replicas")) {
      spec.put("replicas", 1);
    }
    specDefaults.accept(spec);
    if (spec.path("template").path("spec") instanceof ObjectNode podSpec) {
      PodSpecDefaults.apply(podSpec);
    }
    if (spec.path("template") instanceof ObjectNode template) {
      ObjectNode meta = template.get("metadata") instanceof ObjectNode m ? m : template.putObject("metadata");
      // kube-apiserver round-trips templates through Go structs, whose zero creationTimestamp encodes as null
      if (!meta.has("creationTimestamp")) {
        meta.putNull("creationTimestamp");
      }
    }
  }

  @Override
  public List<FieldError> validate(JsonNode object, WriteContext ctx) {
    var errors = new ArrayList<FieldError>();
    JsonNode spec = object.path("spec");
    if (hasReplicas) {
      JsonNode replicas = spec.path("replicas");
      if (replicas.isNumber() && replicas.asLong() < 0) {
        errors.add(FieldError.invalid("spec.replicas", replicas.asLong(), "must be greater than or equal to 0"));
      }
    }
    JsonNode selector = spec.get("selector");
    if (selector == null || selector.isNull()) {
      errors.add(FieldError.required("spec.selector", ""));
    } else if (selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty()) {
      errors.add(FieldError.invalid("spec.selector", selector, "empty selector is invalid for deployment"));
    } else {
      var templateLabels = Meta.labels(spec.path("template"));
      try {
        if (!LabelSelector.fromJson(selector).matches(templateLabels)) {
          errors.add(FieldError.invalid("spec.template.metadata.labels", spec.path("template").path("metadata")
              .path("labels"), "`selector` does not match template `labels`"));
        }
      } catch (IllegalArgumentException e) {
        errors.add(FieldError.invalid("spec.selector", selector, e.getMessage()));
      }
    }
    PodSpecValidation.validate(spec.path("template").path("spec"), "spec.template.spec", errors);
    return errors;
  }

  @Override
  public List<FieldError> validateUpdate(JsonNode object, JsonNode old, WriteContext ctx) {
    var errors = new ArrayList<>(validate(object, ctx));
    if (!Objects.equals(object.path("spec").get("selector"), old.path("spec").get("selector"))) {
      errors.add(FieldError.invalid("spec.selector", object.path("spec").path("selector"), "field is immutable"));
    }
    return errors;
  }
}
