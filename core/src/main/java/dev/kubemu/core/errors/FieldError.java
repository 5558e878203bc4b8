package dev.kubemu.core.errors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One validation failure on one field, rendered the way apimachinery's {@code field.Error} renders it, because
 * kubectl prints the cause message as it is ({@code * spec.replicas: Invalid value: -1: must be ...}).
 *
 * @param type   the failure type; its {@link Type#reason()} becomes the Status cause reason
 * @param field  the field path, e.g. {@code spec.template.spec.containers[0].image}
 * @param value  the offending value (a String, Number, Boolean, JsonNode or null), shown for Invalid/NotSupported/Duplicate
 * @param detail extra explanation; may be empty
 */
public record FieldError(Type type, String field, Object value, String detail) {

  /** The field error types kube-apiserver uses, with their cause reasons and message prefixes. */
  public enum Type {
    NOT_FOUND("FieldValueNotFound", "Not found"),
    REQUIRED("FieldValueRequired", "Required value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    TYPE_INVALID("FieldValueTypeInvalid", "Invalid value");

    private final String reason;
    private final String label;

    Type(String reason, String label) {
      this.reason = reason;
      this.label = label;
    }

    public String reason() {
      return reason;
    }
  }

  /** A value rendered as given, without quoting (e.g. Go's {@code []string{"a"}} form). */
  public record RawValue(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  public static FieldError required(String field, String detail) {
    return new FieldError(Type.REQUIRED, field, null, detail);
  }

  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(Type.INVALID, field, value, detail);
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError(Type.FORBIDDEN, field, null, detail);
  }

  public static FieldError duplicate(String field, Object value) {
    return new FieldError(Type.DUPLICATE, field, value, "");
  }

  public static FieldError notSupported(String field, Object value, List<String> supported) {
    String detail = supported.isEmpty() ? "" : "supported values: "
        + supported.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
    return new FieldError(Type.NOT_SUPPORTED, field, value, detail);
  }

  public static FieldError tooLong(String field, Object value, int max) {
    return new FieldError(Type.TOO_LONG, field, value, "may not be more than " + max + " bytes");
  }

  /** The body without the field path: {@code Invalid value: -1: must be greater than or equal to 0}. */
  public String body() {
    var sb = new StringBuilder(type.label);
    switch (type) {
      case REQUIRED, FORBIDDEN, TOO_LONG, TOO_MANY -> {
        if (!detail.isEmpty()) {
          sb.append(": ").append(detail);
        }
        return sb.toString();
      }
      default -> {
        sb.append(": ").append(renderValue(value));
        if (!detail.isEmpty()) {
          sb.append(": ").append(detail);
        }
        return sb.toString();
      }
    }
  }

  /** {@code field: body}, as in the Status message. */
  public String message() {
    return field + ": " + body();
  }

  public FieldError {
    detail = detail == null ? "" : detail;
  }

  private static String renderValue(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonNode node) {
      if (node.isTextual()) {
        return quote(node.asText());
      }
      return node.toString();
    }
    if (value instanceof String s) {
      return quote(s);
    }
    return String.valueOf(value);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
