package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.Path;
import java.util.ArrayList;
import java.util.List;

/** ReplicationControllers (ValidateReplicationControllerSpec): a map selector that selects an always-restarting template. */
public final class ReplicationControllerValidation {
  private ReplicationControllerValidation() {}

  public static List<FieldError> validate(JsonNode rc) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = rc.path("spec");
    Path path = Path.of("spec");
    errs.addAll(Checks.nonNegative(spec.path("minReadySeconds").asLong(0), path.child("minReadySeconds")));
    JsonNode selector = spec.path("selector");
    if (selector.isEmpty()) {
      errs.add(path.child("selector").required(""));
    }
    errs.addAll(Checks.nonNegative(spec.path("replicas").asLong(0), path.child("replicas")));
    JsonNode template = spec.get("template");
    Path tp = path.child("template");
    if (template == null || template.isNull()) {
      errs.add(tp.required(""));
      return errs;
    }
    if (!selector.isEmpty() && !LabelSelector.fromMap(Meta.stringMap(selector)).matches(Meta.labels(template))) {
      errs.add(tp.child("metadata", "labels").invalid(GoValue.stringMap(template.path("metadata").get("labels")),
          "`selector` does not match template `labels`"));
    }
    errs.addAll(PodTemplateValidation.validate(template, tp));
    String restart = template.path("spec").path("restartPolicy").asText("");
    if (!restart.equals("Always")) {
      errs.add(tp.child("spec", "restartPolicy").notSupported(restart, List.of("Always")));
    }
    if (template.path("spec").hasNonNull("activeDeadlineSeconds")) {
      errs.add(tp.child("spec", "activeDeadlineSeconds").forbidden(
          "activeDeadlineSeconds in ReplicationController is not Supported"));
    }
    return errs;
  }
}
