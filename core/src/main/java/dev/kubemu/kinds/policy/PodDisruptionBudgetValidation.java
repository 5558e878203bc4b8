package dev.kubemu.kinds.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.GoSyntax;
import dev.kubemu.core.validation.Path;
import dev.kubemu.kinds.apps.IntOrPercent;
import java.util.ArrayList;
import java.util.List;

/** PodDisruptionBudgets: minAvailable or maxUnavailable (not both), each an int or a percentage up to 100%. */
public final class PodDisruptionBudgetValidation {
  private PodDisruptionBudgetValidation() {}

  public static List<FieldError> validate(JsonNode pdb) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = pdb.path("spec");
    Path path = Path.of("spec");
    boolean min = spec.hasNonNull("minAvailable");
    boolean max = spec.hasNonNull("maxUnavailable");
    if (min && max) {
      errs.add(path.invalid(GoSyntax.of("io.k8s.api.policy.v1.PodDisruptionBudgetSpec", spec),
          "minAvailable and maxUnavailable cannot be both set"));
    }
    for (String f : List.of("minAvailable", "maxUnavailable")) {
      if (spec.hasNonNull(f)) {
        errs.addAll(IntOrPercent.positive(spec.get(f), path.child(f)));
        errs.addAll(IntOrPercent.notMoreThan100Percent(spec.get(f), path.child(f)));
      }
    }
    errs.addAll(Checks.labelSelector(spec.get("selector"), path.child("selector"), false));
    if (spec.hasNonNull("unhealthyPodEvictionPolicy")) {
      String policy = spec.get("unhealthyPodEvictionPolicy").asText("");
      if (!policy.equals("AlwaysAllow") && !policy.equals("IfHealthyBudget")) {
        errs.add(path.child("unhealthyPodEvictionPolicy").notSupported(policy, List.of("AlwaysAllow", "IfHealthyBudget")));
      }
    }
    return errs;
  }
}
