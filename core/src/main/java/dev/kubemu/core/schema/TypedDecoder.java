package dev.kubemu.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Quantity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON object against its schema the way kube-apiserver's decoding into the Go type does, and leaves it as
 * that decoding would: unknown fields and explicit nulls dropped. It reports the first type mismatch with the message
 * Go's encoding/json (or the type's own decoder, for quantities, times and int-or-strings) gives, and every unknown
 * field by its path ({@code spec.template.spec.containers[0].imagee}), for strict field validation.
 */
public final class TypedDecoder {
  /** Whose messages a type mismatch gets. */
  public enum Style {
    /** encoding/json decoding a request body (create, update, JSON and merge patches). */
    JSON,
    /** apimachinery's unstructured converter, which decodes the result of a strategic merge patch. */
    UNSTRUCTURED
  }

  private final Style style;
  private final List<String> unknown = new ArrayList<>();
  private String error;

  private TypedDecoder(Style style) {
    this.style = style;
  }

  /** What decoding found. {@code error} is null when the object decodes. */
  public record Decoded(String error, List<String> unknownFields) {
    public boolean failed() {
      return error != null;
    }
  }

  /** Decodes {@code object} (mutating it: unknown fields and nulls are removed) against {@code schema}. */
  public static Decoded decode(Schema schema, ObjectNode object) {
    return decode(schema, object, Style.JSON);
  }

  /** Decodes as {@link #decode(Schema, ObjectNode)}, with the messages of {@code style}. */
  public static Decoded decode(Schema schema, ObjectNode object, Style style) {
    TypedDecoder d = new TypedDecoder(style);
    d.object(schema, object, "", "");
    return new Decoded(d.error, List.copyOf(d.unknown));
  }

  /**
   * @param path      the strict-decoding path, with list indices ({@code spec.containers[0]})
   * @param fieldPath Go's error-context path: field names only ({@code spec.containers})
   */
  private void object(Schema schema, ObjectNode object, String path, String fieldPath) {
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      Field field = schema.field(name);
      if (field == null) {
        unknown.add(join(path, name));
        it.remove();
        continue;
      }
      if (entry.getValue().isNull()) {
        it.remove();
        continue;
      }
      value(field.schema(), field.goType(), entry.getValue(), join(path, name), join(fieldPath, name),
          schema.goStructName());
    }
  }

  private void value(Schema schema, String goType, JsonNode value, String path, String fieldPath, String struct) {
    if (value.isNull() || error != null && schema.type() != Schema.Type.OBJECT) {
      return;
    }
    switch (schema.type()) {
      case OBJECT -> {
        if (value instanceof ObjectNode o) {
          object(schema, o, path, fieldPath);
        } else {
          mismatch(schema, value, struct, fieldPath, goType);
        }
      }
      case MAP -> {
        if (value instanceof ObjectNode o) {
          String elementType = elementGoType(goType, schema.element());
          Iterator<Map.Entry<String, JsonNode>> it = o.fields();
          while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            value(schema.element(), elementType, e.getValue(), path + "[" + e.getKey() + "]", fieldPath, struct);
          }
        } else {
          mismatch(schema, value, struct, fieldPath, goType);
        }
      }
      case ARRAY -> {
        if (value instanceof ArrayNode a) {
          String elementType = elementGoType(goType, schema.element());
          for (int i = 0; i < a.size(); i++) {
            value(schema.element(), elementType, a.get(i), path + "[" + i + "]", fieldPath, struct);
          }
        } else {
          mismatch(schema, value, struct, fieldPath, goType);
        }
      }
      case STRING -> {
        if (!value.isTextual()) {
          mismatch(schema, value, struct, fieldPath, goType);
        }
      }
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          mismatch(schema, value, struct, fieldPath, goType);
        }
      }
      case INT32, INT64 -> {
        if (style == Style.UNSTRUCTURED && !(value.isIntegralNumber()
            || value.isFloatingPointNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
          mismatch(schema, value, struct, fieldPath, goType);
        } else if (style == Style.JSON) {
          integer(value, schema.type() == Schema.Type.INT32, struct, fieldPath, goType);
        }
      }
      case DOUBLE -> {
        if (!value.isNumber()) {
          mismatch(schema, value, struct, fieldPath, goType);
        }
      }
      case BYTES -> bytes(value, struct, fieldPath, goType);
      case QUANTITY -> quantity(value);
      case INT_OR_STRING -> {
        if (!value.isTextual()) {
          integer(value, true, struct, fieldPath, "int32");
        }
      }
      case DATE_TIME, MICRO_TIME -> time(value, struct, fieldPath);
      case DURATION -> duration(value, struct, fieldPath);
      case ANY -> { }
      default -> throw new IllegalStateException("unhandled schema type " + schema.type());
    }
  }

  private void integer(JsonNode value, boolean int32, String struct, String fieldPath, String goType) {
    if (!value.isNumber()) {
      typeError(value, struct, fieldPath, goType);
      return;
    }
    boolean fits = value.isIntegralNumber() && (int32 ? value.canConvertToInt() : value.canConvertToLong());
    if (!fits) {
      fail("json: cannot unmarshal number " + value.asText() + " into " + target(struct, fieldPath, goType));
    }
  }

  private void bytes(JsonNode value, String struct, String fieldPath, String goType) {
    if (!value.isTextual()) {
      typeError(value, struct, fieldPath, goType);
      return;
    }
    int bad = Base64Check.firstCorruptByte(value.asText());
    if (bad >= 0) {
      fail("illegal base64 data at input byte " + bad);
    }
  }

  private void quantity(JsonNode value) {
    if (!value.isTextual() && !value.isNumber()) {
      fail(Quantity.FORMAT_ERROR);
      return;
    }
    try {
      Quantity.parse(value.asText().trim());
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
    }
  }

  private void time(JsonNode value, String struct, String fieldPath) {
    if (!value.isTextual()) {
      typeError(value, struct, fieldPath, "string");
      return;
    }
    String problem = GoTimes.rfc3339Problem(value.asText());
    if (problem != null) {
      fail(problem);
    }
  }

  private void duration(JsonNode value, String struct, String fieldPath) {
    if (!value.isTextual()) {
      typeError(value, struct, fieldPath, "string");
      return;
    }
    if (!GoTimes.isDuration(value.asText())) {
      fail("time: invalid duration \"" + value.asText() + "\"");
    }
  }

  private void typeError(JsonNode value, String struct, String fieldPath, String goType) {
    fail("json: cannot unmarshal " + jsonKind(value) + " into " + target(struct, fieldPath, goType));
  }

  /** The unstructured converter's message for {@code value} where a {@code type} belongs. */
  private static String conversionError(JsonNode value, Schema.Type type) {
    String source = goKind(value);
    return switch (type) {
      case OBJECT -> "cannot restore struct from: " + source;
      case ARRAY -> "cannot restore slice from " + source;
      case MAP -> "cannot restore map from " + source;
      case STRING -> value.isIntegralNumber() ? "cannot convert int64 to string" : "unrecognized type: string";
      case INT32, INT64 -> value.isFloatingPointNumber()
          ? "cannot convert float64 to " + type.name().toLowerCase(java.util.Locale.ROOT)
          : "unrecognized type: " + type.name().toLowerCase(java.util.Locale.ROOT);
      case BOOLEAN -> "unrecognized type: bool";
      default -> "unrecognized type: float64";
    };
  }

  /** The reflect.Kind of a JSON value decoded into interface{} with ints preserved. */
  private static String goKind(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isIntegralNumber()) {
      return "int64";
    }
    if (value.isNumber()) {
      return "float64";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    return value.isArray() ? "slice" : "map";
  }

  private void mismatch(Schema schema, JsonNode value, String struct, String fieldPath, String goType) {
    if (style == Style.UNSTRUCTURED) {
      fail(conversionError(value, schema.type()));
    } else {
      typeError(value, struct, fieldPath, goType);
    }
  }

  private static String target(String struct, String fieldPath, String goType) {
    return struct == null ? "Go value of type " + goType
        : "Go struct field " + struct + "." + fieldPath + " of type " + goType;
  }

  private void fail(String message) {
    if (error == null) {
      error = message;
    }
  }

  /** What encoding/json calls a JSON value in its errors. */
  private static String jsonKind(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    if (value.isArray()) {
      return "array";
    }
    return "object";
  }

  /** {@code []v1.Container} → {@code v1.Container}; {@code map[string]string} → {@code string}. */
  private static String elementGoType(String goType, Schema element) {
    if (goType != null && goType.startsWith("[]")) {
      return goType.substring(2);
    }
    if (goType != null && goType.startsWith("map[")) {
      int close = goType.indexOf(']');
      return goType.substring(close + 1);
    }
    return switch (element.type()) {
      case STRING -> "string";
      case QUANTITY -> "resource.Quantity";
      case INT32 -> "int32";
      case INT64 -> "int64";
      case BOOLEAN -> "bool";
      case BYTES -> "[]uint8";
      case OBJECT -> "v1." + element.goStructName();
      default -> "interface {}";
    };
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
