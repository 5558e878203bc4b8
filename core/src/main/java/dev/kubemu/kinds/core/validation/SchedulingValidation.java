package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Where pods may run: node and pod affinity, tolerations and topology spread constraints. */
public final class SchedulingValidation {
  private SchedulingValidation() {}

  static List<FieldError> affinity(JsonNode affinity, Path path) {
    var errs = new ArrayList<FieldError>();
    if (affinity == null) {
      return errs;
    }
    JsonNode node = Nodes.get(affinity, "nodeAffinity");
    if (node != null) {
      Path np = path.child("nodeAffinity");
      if (Nodes.has(node, "requiredDuringSchedulingIgnoredDuringExecution")) {
        errs.addAll(nodeSelector(node.get("requiredDuringSchedulingIgnoredDuringExecution"), false,
            np.child("requiredDuringSchedulingIgnoredDuringExecution")));
      }
      JsonNode preferred = node.path("preferredDuringSchedulingIgnoredDuringExecution");
      for (int i = 0; i < preferred.size(); i++) {
        Path p = np.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
        long weight = Nodes.number(preferred.get(i), "weight", 0);
        if (weight <= 0 || weight > 100) {
          errs.add(p.child("weight").invalid(weight, "must be in the range 1-100"));
        }
        errs.addAll(nodeSelectorTerm(preferred.get(i).path("preference"), true, p.child("preference")));
      }
    }
    for (String kind : List.of("podAffinity", "podAntiAffinity")) {
      JsonNode pa = Nodes.get(affinity, kind);
      if (pa == null) {
        continue;
      }
      Path pp = path.child(kind);
      JsonNode required = pa.path("requiredDuringSchedulingIgnoredDuringExecution");
      for (int i = 0; i < required.size(); i++) {
        errs.addAll(podAffinityTerm(required.get(i), pp.child("requiredDuringSchedulingIgnoredDuringExecution")
            .index(i)));
      }
      JsonNode preferred = pa.path("preferredDuringSchedulingIgnoredDuringExecution");
      for (int i = 0; i < preferred.size(); i++) {
        Path p = pp.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
        long weight = Nodes.number(preferred.get(i), "weight", 0);
        if (weight <= 0 || weight > 100) {
          errs.add(p.child("weight").invalid(weight, "must be in the range 1-100"));
        }
        errs.addAll(podAffinityTerm(preferred.get(i).path("podAffinityTerm"), p.child("podAffinityTerm")));
      }
    }
    return errs;
  }

  /** ValidateNodeSelector (required node affinity, PV node affinity). */
  public static List<FieldError> nodeSelector(JsonNode selector, boolean allowInvalidValues, Path path) {
    var errs = new ArrayList<FieldError>();
    JsonNode terms = selector.path("nodeSelectorTerms");
    Path tp = path.child("nodeSelectorTerms");
    if (terms.isEmpty()) {
      errs.add(tp.required("must have at least one node selector term"));
      return errs;
    }
    for (int i = 0; i < terms.size(); i++) {
      errs.addAll(nodeSelectorTerm(terms.get(i), allowInvalidValues, tp.index(i)));
    }
    return errs;
  }

  private static List<FieldError> nodeSelectorTerm(JsonNode term, boolean allowInvalidValues, Path path) {
    var errs = new ArrayList<FieldError>();
    JsonNode expressions = term.path("matchExpressions");
    for (int j = 0; j < expressions.size(); j++) {
      JsonNode rq = expressions.get(j);
      Path p = path.child("matchExpressions").index(j);
      String op = Nodes.text(rq, "operator");
      int values = rq.path("values").size();
      switch (op) {
        case "In", "NotIn" -> {
          if (values == 0) {
            errs.add(p.child("values").required("must be specified when `operator` is 'In' or 'NotIn'"));
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (values > 0) {
            errs.add(p.child("values").forbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
          }
        }
        case "Gt", "Lt" -> {
          if (values != 1) {
            errs.add(p.child("values").required("must be specified single value when `operator` is 'Lt' or 'Gt'"));
          }
        }
        default -> errs.add(p.child("operator").invalid(op, "not a valid selector operator"));
      }
      errs.addAll(Checks.labelName(Nodes.text(rq, "key"), p.child("key")));
      if (!allowInvalidValues) {
        JsonNode vs = rq.path("values");
        for (int k = 0; k < vs.size(); k++) {
          for (String msg : Syntax.labelValue(vs.get(k).asText(""))) {
            errs.add(p.child("values").index(k).invalid(vs.get(k).asText(""), msg));
          }
        }
      }
    }
    JsonNode fields = term.path("matchFields");
    for (int j = 0; j < fields.size(); j++) {
      JsonNode rq = fields.get(j);
      Path p = path.child("matchFields").index(j);
      String op = Nodes.text(rq, "operator");
      if (op.equals("In") || op.equals("NotIn")) {
        if (rq.path("values").size() != 1) {
          errs.add(p.child("values").required(
              "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
        }
      } else {
        errs.add(p.child("operator").invalid(op, "not a valid selector operator"));
      }
      String key = Nodes.text(rq, "key");
      if (!key.equals("metadata.name")) {
        errs.add(p.child("key").invalid(key, "not a valid field selector key"));
      } else {
        JsonNode vs = rq.path("values");
        for (int k = 0; k < vs.size(); k++) {
          for (String msg : Syntax.DNS_SUBDOMAIN_NAME.problems(vs.get(k).asText(""), false)) {
            errs.add(p.child("values").index(k).invalid(vs.get(k).asText(""), msg));
          }
        }
      }
    }
    return errs;
  }

  private static List<FieldError> podAffinityTerm(JsonNode term, Path path) {
    var errs = new ArrayList<FieldError>();
    errs.addAll(Checks.labelSelector(Nodes.get(term, "labelSelector"), path.child("labelSelector"), false));
    errs.addAll(Checks.labelSelector(Nodes.get(term, "namespaceSelector"), path.child("namespaceSelector"), false));
    for (JsonNode ns : term.path("namespaces")) {
      for (String msg : Syntax.DNS_LABEL_NAME.problems(ns.asText(""), false)) {
        errs.add(path.child("namespace").invalid(ns.asText(""), msg));
      }
    }
    errs.addAll(labelKeys(term.path("matchLabelKeys"), Nodes.get(term, "labelSelector"), path.child("matchLabelKeys")));
    errs.addAll(labelKeys(term.path("mismatchLabelKeys"), Nodes.get(term, "labelSelector"),
        path.child("mismatchLabelKeys")));
    String topologyKey = Nodes.text(term, "topologyKey");
    if (topologyKey.isEmpty()) {
      errs.add(path.child("topologyKey").required("can not be empty"));
    }
    errs.addAll(Checks.labelName(topologyKey, path.child("topologyKey")));
    return errs;
  }

  private static List<FieldError> labelKeys(JsonNode keys, JsonNode selector, Path path) {
    var errs = new ArrayList<FieldError>();
    if (keys.isEmpty()) {
      return errs;
    }
    if (selector == null) {
      errs.add(path.forbidden("must not be specified when labelSelector is not set"));
      return errs;
    }
    for (int i = 0; i < keys.size(); i++) {
      errs.addAll(Checks.labelName(keys.get(i).asText(""), path.index(i)));
    }
    return errs;
  }

  /** ValidateTolerations. */
  public static List<FieldError> tolerations(JsonNode tolerations, Path path) {
    var errs = new ArrayList<FieldError>();
    for (int i = 0; i < tolerations.size(); i++) {
      JsonNode t = tolerations.get(i);
      Path p = path.index(i);
      String key = Nodes.text(t, "key");
      String op = Nodes.text(t, "operator");
      String effect = Nodes.text(t, "effect");
      String value = Nodes.text(t, "value");
      if (!key.isEmpty()) {
        errs.addAll(Checks.labelName(key, p.child("key")));
      }
      if (key.isEmpty() && !op.equals("Exists")) {
        errs.add(p.child("operator").invalid(op,
            "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
      }
      if (Nodes.has(t, "tolerationSeconds") && !effect.equals("NoExecute")) {
        errs.add(p.child("effect").invalid(effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
      }
      switch (op) {
        case "Equal", "" -> {
          List<String> msgs = Syntax.labelValue(value);
          if (!msgs.isEmpty()) {
            errs.add(p.child("operator").invalid(value, String.join(";", msgs)));
          }
        }
        case "Exists" -> {
          if (!value.isEmpty()) {
            errs.add(p.child("operator").invalid(value, "value must be empty when `operator` is 'Exists'"));
          }
        }
        default -> errs.add(p.child("operator").notSupported(op, List.of("Equal", "Exists")));
      }
      if (!effect.isEmpty() && !List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
        errs.add(p.child("effect").notSupported(effect, List.of("NoSchedule", "PreferNoSchedule", "NoExecute")));
      }
    }
    return errs;
  }

  static List<FieldError> topologySpreadConstraints(JsonNode constraints, Path path) {
    var errs = new ArrayList<FieldError>();
    for (int i = 0; i < constraints.size(); i++) {
      JsonNode c = constraints.get(i);
      Path p = path.index(i);
      long maxSkew = Nodes.number(c, "maxSkew", 0);
      if (maxSkew <= 0) {
        errs.add(p.child("maxSkew").invalid(maxSkew, "must be greater than zero"));
      }
      String topologyKey = Nodes.text(c, "topologyKey");
      if (topologyKey.isEmpty()) {
        errs.add(p.child("topologyKey").required("can not be empty"));
      }
      String when = Nodes.text(c, "whenUnsatisfiable");
      if (!when.equals("DoNotSchedule") && !when.equals("ScheduleAnyway")) {
        errs.add(p.child("whenUnsatisfiable").notSupported(when, List.of("DoNotSchedule", "ScheduleAnyway")));
      }
      for (int j = i + 1; j < constraints.size(); j++) {
        JsonNode other = constraints.get(j);
        if (topologyKey.equals(Nodes.text(other, "topologyKey")) && when.equals(Nodes.text(other, "whenUnsatisfiable"))) {
          errs.add(p.child("{topologyKey, whenUnsatisfiable}").duplicate("{" + topologyKey + ", " + when + "}"));
          break;
        }
      }
      if (Nodes.has(c, "minDomains")) {
        long minDomains = c.get("minDomains").asLong();
        if (minDomains <= 0) {
          errs.add(p.child("minDomains").invalid(minDomains, "must be greater than zero"));
        }
        if (!when.equals("DoNotSchedule")) {
          errs.add(p.child("minDomains").invalid(minDomains,
              "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not " + when));
        }
      }
      for (String policy : List.of("nodeAffinityPolicy", "nodeTaintsPolicy")) {
        if (Nodes.has(c, policy)) {
          String v = Nodes.text(c, policy);
          if (!v.equals("Honor") && !v.equals("Ignore")) {
            errs.add(p.child(policy).notSupported(v, List.of("Honor", "Ignore")));
          }
        }
      }
      JsonNode selector = Nodes.get(c, "labelSelector");
      JsonNode matchLabelKeys = c.path("matchLabelKeys");
      if (!matchLabelKeys.isEmpty()) {
        Set<String> selectorKeys = new HashSet<>();
        if (selector == null) {
          errs.add(p.child("matchLabelKeys").forbidden("must not be specified when labelSelector is not set"));
        } else {
          selector.path("matchLabels").fieldNames().forEachRemaining(selectorKeys::add);
          selector.path("matchExpressions").forEach(e -> selectorKeys.add(Nodes.text(e, "key")));
        }
        for (int k = 0; k < matchLabelKeys.size(); k++) {
          String key = matchLabelKeys.get(k).asText("");
          errs.addAll(Checks.labelName(key, p.child("matchLabelKeys").index(k)));
          if (selectorKeys.contains(key)) {
            errs.add(p.child("matchLabelKeys").index(k).invalid(key, "exists in both matchLabelKeys and labelSelector"));
          }
        }
      }
      errs.addAll(Checks.labelSelector(selector, p.child("labelSelector"), false));
    }
    return errs;
  }
}
