package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.Path;
import java.util.ArrayList;
import java.util.List;

/** ValidatePodTemplateSpec: a template's labels and annotations (reported on the template path) and its spec. */
public final class PodTemplateValidation {
  private PodTemplateValidation() {}

  public static List<FieldError> validate(JsonNode template, Path path) {
    var errs = new ArrayList<FieldError>();
    JsonNode meta = template.path("metadata");
    errs.addAll(Checks.labels(Nodes.get(meta, "labels"), path.child("labels")));
    errs.addAll(Checks.annotations(Nodes.get(meta, "annotations"), path.child("annotations")));
    errs.addAll(PodValidation.podSpecificAnnotations(Nodes.get(meta, "annotations"), path.child("annotations")));
    JsonNode spec = template.path("spec");
    errs.addAll(PodSpecValidation.validate(spec, path.child("spec"), PodValidationOptions.TEMPLATE));
    if (!spec.path("ephemeralContainers").isEmpty()) {
      errs.add(path.child("spec", "ephemeralContainers").forbidden("ephemeral containers not allowed in pod template"));
    }
    return errs;
  }

  /** Template labels and annotations only, as StatefulSets check their template. */
  public static List<FieldError> metadata(JsonNode template, Path path) {
    var errs = new ArrayList<FieldError>();
    JsonNode meta = template.path("metadata");
    errs.addAll(Checks.labels(Nodes.get(meta, "labels"), path.child("labels")));
    errs.addAll(Checks.annotations(Nodes.get(meta, "annotations"), path.child("annotations")));
    errs.addAll(PodValidation.podSpecificAnnotations(Nodes.get(meta, "annotations"), path.child("annotations")));
    return errs;
  }
}
