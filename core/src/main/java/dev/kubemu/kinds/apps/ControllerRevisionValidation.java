package dev.kubemu.kinds.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ControllerRevisions (kube's ValidateControllerRevision): {@code data} is required and, being the recorded state,
 * never changes; {@code revision} is a non-negative number that controllers may raise (a rollback renumbers).
 */
public final class ControllerRevisionValidation {
  private ControllerRevisionValidation() {}

  public static List<FieldError> validate(JsonNode revision) {
    var errs = new ArrayList<FieldError>();
    if (!revision.hasNonNull("data")) {
      errs.add(Path.of("data").required("data is mandatory"));
    }
    errs.addAll(Checks.nonNegative(revision.get("revision"), Path.of("revision")));
    return errs;
  }

  public static List<FieldError> validateUpdate(JsonNode revision, JsonNode old) {
    var errs = new ArrayList<>(validate(revision));
    if (revision.hasNonNull("data") && !Checks.semanticallyEqual(revision.get("data"), old.get("data"))) {
      errs.add(Path.of("data").invalid(GoValue.raw(revision.get("data").toString()), Checks.IMMUTABLE));
    }
    return errs;
  }
}
