package dev.kubemu.kinds.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.object.Quantity;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.GoSyntax;
import dev.kubemu.core.validation.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * HorizontalPodAutoscalers (autoscaling/v2, the storage version) as {@code pkg/apis/autoscaling/validation} checks
 * them: replica bounds, the scale target, metrics and behavior.
 */
public final class HpaValidation {
  private static final List<String> METRIC_TYPES = List.of("ContainerResource", "External", "Object", "Pods",
      "Resource");
  private static final int MAX_PERIOD_SECONDS = 1800;
  private static final int MAX_STABILIZATION_WINDOW_SECONDS = 3600;

  private HpaValidation() {}

  public static List<FieldError> validate(JsonNode hpa) {
    var errs = new ArrayList<FieldError>();
    JsonNode spec = hpa.path("spec");
    Path path = Path.of("spec");
    JsonNode min = spec.get("minReplicas");
    boolean hasMin = min != null && !min.isNull();
    if (hasMin && min.asLong() < 1) {
      errs.add(path.child("minReplicas").invalid(min.asLong(), "must be greater than or equal to 1"));
    }
    long max = spec.path("maxReplicas").asLong(0);
    if (max < 1) {
      errs.add(path.child("maxReplicas").invalid(max, "must be greater than 0"));
    }
    if (hasMin && max < min.asLong()) {
      errs.add(path.child("maxReplicas").invalid(max, "must be greater than or equal to `minReplicas`"));
    }
    errs.addAll(crossVersionObjectReference(spec.path("scaleTargetRef"), path.child("scaleTargetRef")));
    JsonNode metrics = spec.path("metrics");
    boolean objectOrExternal = false;
    for (int i = 0; i < metrics.size(); i++) {
      errs.addAll(metric(metrics.get(i), path.child("metrics").index(i)));
      String type = metrics.get(i).path("type").asText("");
      objectOrExternal |= type.equals("Object") || type.equals("External");
    }
    if (hasMin && min.asLong() == 0 && !objectOrExternal) {
      errs.add(path.child("metrics").forbidden("must specify at least one Object or External metric to support "
          + "scaling to zero replicas"));
    }
    JsonNode behavior = spec.get("behavior");
    if (behavior != null && !behavior.isNull()) {
      errs.addAll(scalingRules(behavior.get("scaleUp"), path.child("behavior", "scaleUp")));
      errs.addAll(scalingRules(behavior.get("scaleDown"), path.child("behavior", "scaleDown")));
    }
    return errs;
  }

  private static List<FieldError> crossVersionObjectReference(JsonNode ref, Path path) {
    var errs = new ArrayList<FieldError>();
    for (String f : List.of("kind", "name")) {
      String v = ref.path(f).asText("");
      if (v.isEmpty()) {
        errs.add(path.child(f).required(""));
      } else {
        for (String msg : pathSegment(v)) {
          errs.add(path.child(f).invalid(v, msg));
        }
      }
    }
    return errs;
  }

  private static List<String> pathSegment(String name) {
    var errs = new ArrayList<String>();
    if (name.equals(".") || name.equals("..")) {
      errs.add("may not be '" + name + "'");
    }
    for (String bad : List.of("/", "%")) {
      if (name.contains(bad)) {
        errs.add("may not contain '" + bad + "'");
      }
    }
    return errs;
  }

  private static List<FieldError> metric(JsonNode spec, Path path) {
    var errs = new ArrayList<FieldError>();
    String type = spec.path("type").asText("");
    if (type.isEmpty()) {
      errs.add(path.child("type").required("must specify a metric source type"));
    }
    if (!METRIC_TYPES.contains(type)) {
      errs.add(path.child("type").notSupported(type, METRIC_TYPES));
    }
    Set<String> present = new LinkedHashSet<>();
    String[][] sources = {{"object", "Object"}, {"external", "External"}, {"pods", "Pods"}, {"resource", "Resource"},
        {"containerResource", "ContainerResource"}};
    for (String[] s : sources) {
      JsonNode source = spec.get(s[0]);
      if (source == null || source.isNull()) {
        continue;
      }
      present.add(s[1]);
      if (present.size() == 1) {
        errs.addAll(source(s[1], source, path.child(s[0])));
      }
    }
    String expected = switch (type) {
      case "Object" -> "object";
      case "Pods" -> "pods";
      case "Resource" -> "resource";
      case "External" -> "external";
      case "ContainerResource" -> "containerResource";
      default -> null;
    };
    if (expected == null) {
      errs.add(path.child("type").notSupported(type, METRIC_TYPES));
    } else if (!spec.hasNonNull(expected)) {
      errs.add(path.child(expected).required("must populate information for the given metric source"));
    }
    if (present.size() != 1) {
      present.remove(type);
      for (String other : present) {
        errs.add(path.child(other.toLowerCase(java.util.Locale.ROOT)).forbidden(
            "must populate the given metric source only"));
      }
    }
    return errs;
  }

  private static List<FieldError> source(String type, JsonNode src, Path path) {
    var errs = new ArrayList<FieldError>();
    JsonNode target = src.path("target");
    Path tp = path.child("target");
    switch (type) {
      case "Object" -> {
        errs.addAll(crossVersionObjectReference(src.path("describedObject"), path.child("describedObject")));
        errs.addAll(metricIdentifier(src.path("metric"), path.child("metric")));
        errs.addAll(target(target, tp));
        if (!target.hasNonNull("value") && !target.hasNonNull("averageValue")) {
          errs.add(tp.child("averageValue").required("must set either a target value or averageValue"));
        }
      }
      case "External" -> {
        errs.addAll(metricIdentifier(src.path("metric"), path.child("metric")));
        errs.addAll(target(target, tp));
        if (!target.hasNonNull("value") && !target.hasNonNull("averageValue")) {
          errs.add(tp.child("averageValue").required("must set either a target value for metric or a per-pod target"));
        }
        if (target.hasNonNull("value") && target.hasNonNull("averageValue")) {
          errs.add(tp.child("value").forbidden("may not set both a target value for metric and a per-pod target"));
        }
      }
      case "Pods" -> {
        errs.addAll(metricIdentifier(src.path("metric"), path.child("metric")));
        errs.addAll(target(target, tp));
        if (!target.hasNonNull("averageValue")) {
          errs.add(tp.child("averageValue").required("must specify a positive target averageValue"));
        }
      }
      default -> {
        if (src.path("name").asText("").isEmpty()) {
          errs.add(path.child("name").required("must specify a resource name"));
        }
        if (type.equals("ContainerResource") && src.path("container").asText("").isEmpty()) {
          errs.add(path.child("container").required("must specify a container"));
        }
        errs.addAll(target(target, tp));
        if (!target.hasNonNull("averageUtilization") && !target.hasNonNull("averageValue")) {
          errs.add(tp.child("averageUtilization").required("must set either a target raw value or a target utilization"));
        }
        if (target.hasNonNull("averageUtilization") && target.hasNonNull("averageValue")) {
          errs.add(tp.child("averageValue").forbidden("may not set both a target raw value and a target utilization"));
        }
      }
    }
    return errs;
  }

  private static List<FieldError> metricIdentifier(JsonNode id, Path path) {
    var errs = new ArrayList<FieldError>();
    String name = id.path("name").asText("");
    if (name.isEmpty()) {
      errs.add(path.child("name").required("must specify a metric name"));
    } else {
      for (String msg : pathSegment(name)) {
        errs.add(path.child("name").invalid(name, msg));
      }
    }
    errs.addAll(Checks.labelSelector(id.get("selector"), path.child("selector"), false));
    return errs;
  }

  private static List<FieldError> target(JsonNode target, Path path) {
    var errs = new ArrayList<FieldError>();
    String type = target.path("type").asText("");
    if (type.isEmpty()) {
      errs.add(path.child("type").required("must specify a metric target type"));
    }
    if (!type.equals("Utilization") && !type.equals("Value") && !type.equals("AverageValue")) {
      errs.add(path.child("type").invalid(type, "must be either Utilization, Value, or AverageValue"));
    }
    for (String f : List.of("value", "averageValue")) {
      if (target.hasNonNull(f) && !positive(target.get(f))) {
        errs.add(path.child(f).invalid(GoValue.raw(GoSyntax.quantity(target.get(f).asText())), "must be positive"));
      }
    }
    if (target.hasNonNull("averageUtilization") && target.get("averageUtilization").asLong() < 1) {
      errs.add(path.child("averageUtilization").invalid(target.get("averageUtilization").asLong(),
          "must be greater than 0"));
    }
    return errs;
  }

  private static boolean positive(JsonNode q) {
    try {
      return Quantity.parse(q.asText()).value().signum() > 0;
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  private static List<FieldError> scalingRules(JsonNode rules, Path path) {
    var errs = new ArrayList<FieldError>();
    if (rules == null || rules.isNull()) {
      return errs;
    }
    JsonNode window = rules.get("stabilizationWindowSeconds");
    if (window != null && !window.isNull()) {
      if (window.asLong() < 0) {
        errs.add(path.child("stabilizationWindowSeconds").invalid(window.asLong(),
            "must be greater than or equal to zero"));
      }
      if (window.asLong() > MAX_STABILIZATION_WINDOW_SECONDS) {
        errs.add(path.child("stabilizationWindowSeconds").invalid(window.asLong(),
            "must be less than or equal to " + MAX_STABILIZATION_WINDOW_SECONDS));
      }
    }
    if (rules.hasNonNull("selectPolicy")) {
      String policy = rules.get("selectPolicy").asText("");
      if (!List.of("Disabled", "Max", "Min").contains(policy)) {
        errs.add(path.child("selectPolicy").notSupported(policy, List.of("Disabled", "Max", "Min")));
      }
    }
    JsonNode policies = rules.path("policies");
    if (policies.isEmpty()) {
      errs.add(path.child("policies").required("must specify at least one Policy"));
    }
    for (int i = 0; i < policies.size(); i++) {
      JsonNode p = policies.get(i);
      Path pp = path.child("policies").index(i);
      String type = p.path("type").asText("");
      if (!type.equals("Pods") && !type.equals("Percent")) {
        errs.add(pp.child("type").notSupported(type, List.of("Percent", "Pods")));
      }
      long value = p.path("value").asLong(0);
      if (value <= 0) {
        errs.add(pp.child("value").invalid(value, "must be greater than zero"));
      }
      long period = p.path("periodSeconds").asLong(0);
      if (period <= 0) {
        errs.add(pp.child("periodSeconds").invalid(period, "must be greater than zero"));
      }
      if (period > MAX_PERIOD_SECONDS) {
        errs.add(pp.child("periodSeconds").invalid(period, "must be less than or equal to " + MAX_PERIOD_SECONDS));
      }
    }
    return errs;
  }
}
