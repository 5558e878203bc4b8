package dev.kubemu.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An object as kube-apiserver sees it once decoded into its Go type and turned back into a map: fields the client
 * left out appear with Go's zero value when their JSON tag has no {@code omitempty} or they are non-pointer structs
 * ({@code "status": {}}, {@code "creationTimestamp": null}, {@code "selector": null}). Field ownership is computed on
 * this shape, so managedFields list what a real cluster lists.
 */
public final class GoZeroValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private GoZeroValues() {}

  /** A copy of {@code value} with the zero values of its schema filled in. */
  public static JsonNode shape(Schema schema, JsonNode value) {
    if (value == null || value.isNull()) {
      return value;
    }
    return switch (schema.type()) {
      case OBJECT -> value.isObject() ? struct(schema, (ObjectNode) value) : value;
      case ARRAY -> {
        if (!value.isArray()) {
          yield value;
        }
        ArrayNode out = NODES.arrayNode();
        value.forEach(item -> out.add(shape(schema.element(), item)));
        yield out;
      }
      case MAP -> {
        if (!value.isObject()) {
          yield value;
        }
        ObjectNode out = NODES.objectNode();
        value.fields().forEachRemaining(e -> out.set(e.getKey(), shape(schema.element(), e.getValue())));
        yield out;
      }
      default -> value;
    };
  }

  private static ObjectNode struct(Schema schema, ObjectNode value) {
    ObjectNode out = NODES.objectNode();
    for (Field field : schema.fields().values()) {
      JsonNode v = value.get(field.name());
      if (v != null && !v.isNull()) {
        out.set(field.name(), shape(field.schema(), v));
        continue;
      }
      JsonNode zero = zero(field);
      if (zero != null) {
        out.set(field.name(), zero);
      }
    }
    // fields the schema does not know (none after decoding) are kept as they are
    value.fields().forEachRemaining(e -> {
      if (!out.has(e.getKey()) && schema.field(e.getKey()) == null) {
        out.set(e.getKey(), e.getValue());
      }
    });
    return out;
  }

  /**
   * What Go writes for {@code field} when it is unset: null (Java null) when the field is left out, JSON null for
   * nil pointers, slices and maps without omitempty, else the zero value (an empty struct is written in full).
   */
  public static JsonNode zero(Field field) {
    Schema s = field.schema();
    boolean nilable = field.pointer() || s.type() == Schema.Type.ARRAY || s.type() == Schema.Type.MAP
        || s.type() == Schema.Type.BYTES || s.type() == Schema.Type.ANY;
    if (nilable) {
      return field.omitEmpty() ? null : NODES.nullNode();
    }
    return switch (s.type()) {
      case OBJECT -> struct(s, NODES.objectNode());
      case DATE_TIME, MICRO_TIME -> NODES.nullNode();
      case QUANTITY -> NODES.textNode("0");
      case INT_OR_STRING -> NODES.numberNode(0);
      case DURATION -> NODES.textNode("0s");
      default -> field.omitEmpty() ? null : switch (s.type()) {
        case STRING -> NODES.textNode("");
        case BOOLEAN -> NODES.booleanNode(false);
        case DOUBLE -> NODES.numberNode(0.0);
        default -> NODES.numberNode(0);
      };
    };
  }
}
