package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.api.ResourceStrategy.NameRule;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.object.LabelValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Validation of {@code metadata} common to every kind, with apimachinery's messages. */
final class ObjectMetaValidation {
  private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
      + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
      + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  static final String LABEL_MESSAGE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
      + "or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
      + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  private static final long MAX_ANNOTATIONS_BYTES = 256 * 1024;

  private ObjectMetaValidation() {}

  static List<FieldError> validate(JsonNode object, NameRule rule) {
    var errors = new ArrayList<FieldError>();
    JsonNode meta = object.path("metadata");
    String name = meta.path("name").asText("");
    errors.addAll(nameProblems("metadata.name", name, rule));
    validateLabels(meta.path("labels"), errors);
    validateAnnotations(meta.path("annotations"), errors);
    return errors;
  }

  static List<FieldError> nameProblems(String field, String name, NameRule rule) {
    var errors = new ArrayList<FieldError>();
    switch (rule) {
      case DNS1123_SUBDOMAIN -> {
        if (name.length() > 253) {
          errors.add(FieldError.invalid(field, name, "must be no more than 253 characters"));
        }
        if (!SUBDOMAIN.matcher(name).matches()) {
          errors.add(FieldError.invalid(field, name, SUBDOMAIN_MESSAGE));
        }
      }
      case DNS1123_LABEL -> {
        if (name.length() > 63) {
          errors.add(FieldError.invalid(field, name, "must be no more than 63 characters"));
        }
        if (!LABEL.matcher(name).matches()) {
          errors.add(FieldError.invalid(field, name, LABEL_MESSAGE));
        }
      }
      case PATH_SEGMENT -> {
        if (name.equals(".") || name.equals("..")) {
          errors.add(FieldError.invalid(field, name, "may not be '" + name + "'"));
        }
        for (String bad : List.of("/", "%")) {
          if (name.contains(bad)) {
            errors.add(FieldError.invalid(field, name, "may not contain '" + bad + "'"));
          }
        }
      }
    }
    return errors;
  }

  private static void validateLabels(JsonNode labels, List<FieldError> errors) {
    if (!labels.isObject()) {
      return;
    }
    labels.fields().forEachRemaining(e -> {
      for (String p : LabelValidation.keyProblems(e.getKey())) {
        errors.add(FieldError.invalid("metadata.labels", e.getKey(), p));
      }
      for (String p : LabelValidation.valueProblems(e.getValue().asText())) {
        errors.add(FieldError.invalid("metadata.labels", e.getValue().asText(), p));
      }
    });
  }

  private static void validateAnnotations(JsonNode annotations, List<FieldError> errors) {
    if (!annotations.isObject()) {
      return;
    }
    long total = 0;
    var it = annotations.fields();
    while (it.hasNext()) {
      var e = it.next();
      for (String p : LabelValidation.keyProblems(e.getKey())) {
        errors.add(FieldError.invalid("metadata.annotations", e.getKey(), p));
      }
      total += e.getKey().length() + e.getValue().asText().length();
    }
    if (total > MAX_ANNOTATIONS_BYTES) {
      errors.add(new FieldError(FieldError.Type.TOO_LONG, "metadata.annotations", null,
          "must have at most " + MAX_ANNOTATIONS_BYTES + " bytes"));
    }
  }
}
