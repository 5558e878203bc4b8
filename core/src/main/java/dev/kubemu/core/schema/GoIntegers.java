package dev.kubemu.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What kube-apiserver's unstructured converter stores in the integer fields of a Go type when the JSON number came
 * in as a float64, as every number of an apply configuration does: Go's conversion, through int64, keeping the low
 * bits that fit ({@code 99999999999} in an int32 becomes {@code 1215752191}; beyond int64 it is the minimum int64).
 * Whole numbers only: the converter rejects fractions before this ({@link TypedDecoder.Style#UNSTRUCTURED}).
 */
public final class GoIntegers {
  private GoIntegers() {}

  /** Rewrites, in place, the numbers at integer positions of {@code value} as the Go integers they become. */
  public static void convert(Schema schema, JsonNode value) {
    if (value == null) {
      return;
    }
    switch (schema.type()) {
      case OBJECT -> {
        if (value instanceof ObjectNode object) {
          for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Field field = schema.field(e.getKey());
            if (field != null) {
              convertMember(field.schema(), e);
            }
          }
        }
      }
      case MAP -> {
        if (value instanceof ObjectNode map) {
          for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            convertMember(schema.element(), it.next());
          }
        }
      }
      case ARRAY -> {
        if (value instanceof ArrayNode array) {
          for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            JsonNode converted = integer(schema.element(), item);
            if (converted != item) {
              array.set(i, converted);
            } else {
              convert(schema.element(), item);
            }
          }
        }
      }
      default -> { }
    }
  }

  private static void convertMember(Schema schema, Map.Entry<String, JsonNode> member) {
    JsonNode converted = integer(schema, member.getValue());
    if (converted != member.getValue()) {
      member.setValue(converted);
    } else {
      convert(schema, member.getValue());
    }
  }

  /** The Go integer {@code value} becomes at a position of {@code schema}, or {@code value} itself. */
  private static JsonNode integer(Schema schema, JsonNode value) {
    boolean int32 = schema.type() == Schema.Type.INT32;
    if (!int32 && schema.type() != Schema.Type.INT64 || !value.isNumber()) {
      return value;
    }
    long asInt64 = goInt64(value.doubleValue());
    JsonNode converted = int32 ? IntNode.valueOf((int) asInt64) : LongNode.valueOf(asInt64);
    return converted.equals(value) || value.canConvertToLong() && value.isIntegralNumber()
        && value.longValue() == converted.longValue() ? value : converted;
  }

  /** Go's {@code int64(f)} on amd64: out of range (and NaN) gives the minimum int64. */
  static long goInt64(double f) {
    if (Double.isNaN(f) || f >= 0x1p63 || f < -0x1p63) {
      return Long.MIN_VALUE;
    }
    return (long) f;
  }
}
