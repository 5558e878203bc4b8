package dev.kubemu.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The generic checks kube-apiserver's validators share (apimachinery's {@code pkg/api/validation} and
 * {@code pkg/apis/meta/v1/validation}): non-negative numbers, labels, annotations, label selectors, immutable fields.
 */
public final class Checks {
  /** apimachinery's IsNegativeErrorMsg. */
  public static final String NEGATIVE = "must be greater than or equal to 0";
  /** apimachinery's FieldImmutableErrorMsg. */
  public static final String IMMUTABLE = "field is immutable";
  /** The most bytes all annotations of an object may take together. */
  public static final int TOTAL_ANNOTATION_SIZE = 256 * 1024;

  private Checks() {}

  /** {@code Invalid value: -1: must be greater than or equal to 0} when {@code value} is negative. */
  public static List<FieldError> nonNegative(long value, Path path) {
    return value < 0 ? List.of(path.invalid(value, NEGATIVE)) : List.of();
  }

  /** {@link #nonNegative} for an optional JSON number (nothing when absent). */
  public static List<FieldError> nonNegative(JsonNode value, Path path) {
    return value != null && value.isNumber() ? nonNegative(value.asLong(), path) : List.of();
  }

  /** A label (or annotation-free) key: a qualified name. */
  public static List<FieldError> labelName(String name, Path path) {
    var errs = new ArrayList<FieldError>();
    for (String msg : Syntax.qualifiedName(name)) {
      errs.add(path.invalid(name, msg));
    }
    return errs;
  }

  /** ValidateLabels: every key a qualified name, every value a label value; errors on {@code path} itself. */
  public static List<FieldError> labels(JsonNode labels, Path path) {
    var errs = new ArrayList<FieldError>();
    if (labels == null || !labels.isObject()) {
      return errs;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      var e = it.next();
      errs.addAll(labelName(e.getKey(), path));
      String value = e.getValue().asText("");
      for (String msg : Syntax.labelValue(value)) {
        errs.add(path.invalid(value, msg));
      }
    }
    return errs;
  }

  /** ValidateAnnotations: keys are qualified names (case-insensitively) and all together fit in 256 KiB. */
  public static List<FieldError> annotations(JsonNode annotations, Path path) {
    var errs = new ArrayList<FieldError>();
    if (annotations == null || !annotations.isObject()) {
      return errs;
    }
    long total = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      var e = it.next();
      for (String msg : Syntax.qualifiedName(e.getKey().toLowerCase(Locale.ROOT))) {
        errs.add(path.invalid(e.getKey(), msg));
      }
      total += utf8Length(e.getKey()) + utf8Length(e.getValue().asText(""));
    }
    if (total > TOTAL_ANNOTATION_SIZE) {
      errs.add(path.tooLong(TOTAL_ANNOTATION_SIZE));
    }
    return errs;
  }

  /** ValidateLabelSelector: matchLabels as labels, each expression's operator, key and values. */
  public static List<FieldError> labelSelector(JsonNode selector, Path path, boolean allowInvalidLabelValues) {
    var errs = new ArrayList<FieldError>();
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return errs;
    }
    errs.addAll(labels(selector.get("matchLabels"), path.child("matchLabels")));
    JsonNode expressions = selector.path("matchExpressions");
    for (int i = 0; i < expressions.size(); i++) {
      errs.addAll(labelSelectorRequirement(expressions.get(i), path.child("matchExpressions").index(i),
          allowInvalidLabelValues));
    }
    return errs;
  }

  private static List<FieldError> labelSelectorRequirement(JsonNode req, Path path, boolean allowInvalidValues) {
    var errs = new ArrayList<FieldError>();
    String operator = req.path("operator").asText("");
    JsonNode values = req.path("values");
    switch (operator) {
      case "In", "NotIn" -> {
        if (values.isEmpty()) {
          errs.add(path.child("values").required("must be specified when `operator` is 'In' or 'NotIn'"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!values.isEmpty()) {
          errs.add(path.child("values").forbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
      }
      default -> errs.add(path.child("operator").invalid(operator, "not a valid selector operator"));
    }
    errs.addAll(labelName(req.path("key").asText(""), path.child("key")));
    if (!allowInvalidValues) {
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i).asText("");
        for (String msg : Syntax.labelValue(v)) {
          errs.add(path.child("values").index(i).invalid(v, msg));
        }
      }
    }
    return errs;
  }

  /**
   * ValidateImmutableField: {@code field is immutable} with the new value when the two differ semantically (absent,
   * null, empty lists and empty maps are alike, as apimachinery's semantic equality has it).
   */
  public static List<FieldError> immutable(JsonNode newValue, JsonNode oldValue, GoValue shown, Path path) {
    return semanticallyEqual(newValue, oldValue) ? List.of() : List.of(path.invalid(shown, IMMUTABLE));
  }

  /** Whether two JSON values are equal once absent, null, empty arrays and empty objects count as the same. */
  public static boolean semanticallyEqual(JsonNode a, JsonNode b) {
    boolean aEmpty = isEmpty(a);
    boolean bEmpty = isEmpty(b);
    if (aEmpty || bEmpty) {
      return aEmpty && bEmpty;
    }
    if (a.isObject() && b.isObject()) {
      return semanticallyEqualExcept(a, b, null);
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!semanticallyEqualElement(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  /**
   * Whether two objects are {@link #semanticallyEqual} in every field but {@code ignored} (null: in every field).
   */
  public static boolean semanticallyEqualExcept(JsonNode a, JsonNode b, String ignored) {
    for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getKey().equals(ignored) && !semanticallyEqual(e.getValue(), b.get(e.getKey()))) {
        return false;
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getKey().equals(ignored) && !a.has(e.getKey()) && !isEmpty(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** List elements: an empty object element is a real element, not an absent one. */
  private static boolean semanticallyEqualElement(JsonNode a, JsonNode b) {
    if (a.isObject() && b.isObject() && a.isEmpty() && b.isEmpty()) {
      return true;
    }
    return semanticallyEqual(a, b);
  }

  private static boolean isEmpty(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || (n.isContainerNode() && n.isEmpty());
  }

  private static long utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }
}
