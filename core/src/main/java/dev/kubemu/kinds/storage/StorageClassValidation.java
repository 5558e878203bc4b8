package dev.kubemu.kinds.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** StorageClasses: provisioner, parameters, reclaim policy and binding mode; most of it fixed once created. */
public final class StorageClassValidation {
  private static final int MAX_PARAMETERS = 512;
  private static final int MAX_PARAMETERS_SIZE = 256 * 1024;

  private StorageClassValidation() {}

  public static List<FieldError> validate(JsonNode sc) {
    var errs = new ArrayList<FieldError>();
    String provisioner = sc.path("provisioner").asText("");
    Path pp = Path.of("provisioner");
    if (provisioner.isEmpty()) {
      errs.add(pp.required(""));
    } else {
      String lower = provisioner.toLowerCase(Locale.ROOT);
      for (String msg : Syntax.qualifiedName(lower)) {
        errs.add(pp.invalid(lower, msg));
      }
    }
    JsonNode params = sc.path("parameters");
    Path params0 = Path.of("parameters");
    if (params.size() > MAX_PARAMETERS) {
      errs.add(params0.tooLong(MAX_PARAMETERS));
    } else {
      long total = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().isEmpty()) {
          errs.add(params0.invalid("", "field can not be empty."));
        }
        total += e.getKey().length() + e.getValue().asText("").length();
      }
      if (total > MAX_PARAMETERS_SIZE) {
        errs.add(params0.tooLong(MAX_PARAMETERS_SIZE));
      }
    }
    String reclaim = sc.path("reclaimPolicy").asText("");
    if (!reclaim.isEmpty() && !reclaim.equals("Delete") && !reclaim.equals("Retain")) {
      errs.add(Path.of("reclaimPolicy").notSupported(reclaim, List.of("Delete", "Retain")));
    }
    if (!sc.hasNonNull("volumeBindingMode")) {
      errs.add(Path.of("volumeBindingMode").required(""));
    } else {
      String mode = sc.get("volumeBindingMode").asText("");
      if (!mode.equals("Immediate") && !mode.equals("WaitForFirstConsumer")) {
        errs.add(Path.of("volumeBindingMode").notSupported(mode, List.of("Immediate", "WaitForFirstConsumer")));
      }
    }
    return errs;
  }

  public static List<FieldError> validateUpdate(JsonNode sc, JsonNode old) {
    var errs = new ArrayList<>(validate(sc));
    if (!Checks.semanticallyEqual(sc.get("parameters"), old.get("parameters"))) {
      errs.add(Path.of("parameters").forbidden("updates to parameters are forbidden."));
    }
    if (!sc.path("provisioner").asText("").equals(old.path("provisioner").asText(""))) {
      errs.add(Path.of("provisioner").forbidden("updates to provisioner are forbidden."));
    }
    if (!sc.path("reclaimPolicy").asText("").equals(old.path("reclaimPolicy").asText(""))) {
      errs.add(Path.of("reclaimPolicy").forbidden("updates to reclaimPolicy are forbidden."));
    }
    if (!sc.path("volumeBindingMode").asText("").equals(old.path("volumeBindingMode").asText(""))) {
      errs.add(Path.of("volumeBindingMode").invalid(sc.path("volumeBindingMode").asText(""), Checks.IMMUTABLE));
    }
    return errs;
  }
}
