package dev.kubemu.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Quantity;
import java.util.Iterator;
import java.util.Map;

/**
 * What storing an object through its Go type does to a client's JSON, which kube-apiserver then returns: fields
 * whose JSON tag says {@code omitempty} disappear when they hold their zero value ({@code paused: false},
 * {@code minReadySeconds: 0}), and quantities come back in canonical form ({@code 0.5} → {@code 500m},
 * {@code 1024Mi} → {@code 1Gi}). Applied in place to decoded bodies.
 */
public final class GoNormalization {
  private GoNormalization() {}

  public static void normalize(Schema schema, JsonNode value) {
    if (value == null) {
      return;
    }
    switch (schema.type()) {
      case OBJECT -> {
        if (value instanceof ObjectNode object) {
          struct(schema, object);
        }
      }
      case ARRAY -> value.forEach(item -> normalize(schema.element(), item));
      case MAP -> {
        if (value instanceof ObjectNode map) {
          for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (schema.element().type() == Schema.Type.QUANTITY) {
              canonical(e.getValue()).ifPresent(e::setValue);
            } else {
              normalize(schema.element(), e.getValue());
            }
          }
        }
      }
      default -> { }
    }
  }

  private static void struct(Schema schema, ObjectNode object) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Field field = schema.field(e.getKey());
      if (field == null) {
        continue;
      }
      JsonNode v = e.getValue();
      if (field.omitEmpty() && !field.pointer() && isZeroScalar(field.schema(), v)) {
        it.remove();
        continue;
      }
      if (field.schema().type() == Schema.Type.QUANTITY) {
        canonical(v).ifPresent(e::setValue);
      } else {
        normalize(field.schema(), v);
      }
    }
  }

  private static boolean isZeroScalar(Schema schema, JsonNode v) {
    return switch (schema.type()) {
      case STRING, BYTES -> v.isTextual() && v.asText().isEmpty();
      case BOOLEAN -> v.isBoolean() && !v.asBoolean();
      case INT32, INT64, DOUBLE -> v.isNumber() && v.asDouble() == 0;
      case ARRAY -> v.isArray() && v.isEmpty();
      case MAP -> v.isObject() && v.isEmpty();
      default -> false;
    };
  }

  private static java.util.Optional<JsonNode> canonical(JsonNode quantity) {
    if (!quantity.isTextual() && !quantity.isNumber()) {
      return java.util.Optional.empty();
    }
    try {
      String canonical = Quantity.parse(quantity.asText().trim()).toString();
      return canonical.equals(quantity.asText()) && quantity.isTextual() ? java.util.Optional.empty()
          : java.util.Optional.of(com.fasterxml.jackson.databind.node.TextNode.valueOf(canonical));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return java.util.Optional.empty();
    }
  }
}
