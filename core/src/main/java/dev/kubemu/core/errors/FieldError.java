package dev.kubemu.core.errors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One validation failure on one field, rendered the way apimachinery's {@code field.Error} renders it, because
 * kubectl prints the cause message as it is ({@code * spec.replicas: Invalid value: -1: must be ...}).
 *
 * <p>Values print as {@code field.Error.ErrorBody} prints them: strings quoted with Go's escapes, integers and
 * booleans plainly, anything else in Go's {@code %#v} syntax of kube-apiserver's internal type, which callers give
 * as a {@link GoValue}. JSON strings and numbers are accepted too; a JSON object or array has no Go type here and
 * prints as JSON, so validators pass a {@link GoValue} for those.
 *
 * @param type   the failure type; its {@link Type#reason()} becomes the Status cause reason
 * @param field  the field path, e.g. {@code spec.template.spec.containers[0].image}
 * @param value  the offending value (a String, Number, Boolean, {@link GoValue}, JsonNode or null), shown for
 *               Invalid, NotSupported, Duplicate, NotFound and TooMany
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
    INTERNAL("InternalError", "Internal error"),
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

  public static FieldError notFound(String field, Object value) {
    return new FieldError(Type.NOT_FOUND, field, value, "");
  }

  /** {@code Too many: <actual>: must have at most <max> items}. */
  public static FieldError tooMany(String field, int actual, int max) {
    return new FieldError(Type.TOO_MANY, field, (long) actual, "must have at most " + max + " items");
  }

  /** The body without the field path: {@code Invalid value: -1: must be greater than or equal to 0}. */
  public String body() {
    var sb = new StringBuilder(type.label);
    switch (type) {
      case REQUIRED, FORBIDDEN, TOO_LONG, INTERNAL -> {
        if (!detail.isEmpty()) {
          sb.append(": ").append(detail);
        }
        return sb.toString();
      }
      default -> {
        if (type == Type.TOO_MANY && value == null) {
          if (!detail.isEmpty()) {
            sb.append(": ").append(detail);
          }
          return sb.toString();
        }
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

  /** The value as {@code field.Error.ErrorBody} prints it. */
  static String renderValue(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof GoValue go) {
      return go.toString();
    }
    if (value instanceof JsonNode node) {
      if (node.isNull() || node.isMissingNode()) {
        return "null";
      }
      if (node.isTextual()) {
        return GoValue.quote(node.asText());
      }
      if (node.isIntegralNumber() || node.isBoolean()) {
        return node.asText();
      }
      if (node.isNumber()) {
        return goFloat(node.asDouble());
      }
      return node.toString();
    }
    if (value instanceof String s) {
      return GoValue.quote(s);
    }
    if (value instanceof Double d) {
      return goFloat(d);
    }
    return String.valueOf(value);
  }

  /** Go's {@code %v} of a float64: shortest representation, exponent form from 1e21. */
  private static String goFloat(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }
}
