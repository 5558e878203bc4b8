package dev.kubemu.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The check structured-merge-diff makes of a server-side-applied configuration against the kind's schema: every
 * field declared, every value of the declared type. Messages are SMD's ({@code .spec.replicass: field not declared in
 * schema}, {@code .spec.replicas: expected numeric (int or float), got string}).
 */
public final class AppliedObjectCheck {
  private AppliedObjectCheck() {}

  /** The problems found, in document order; empty when the configuration fits the schema. */
  public static List<String> problems(Schema schema, JsonNode object) {
    var problems = new ArrayList<String>();
    check(schema, object, "", problems);
    return problems;
  }

  private static void check(Schema schema, JsonNode value, String path, List<String> problems) {
    if (value == null || value.isNull()) {
      return;
    }
    switch (schema.type()) {
      case OBJECT -> {
        if (!value.isObject()) {
          problems.add(path + ": expected map, got " + goType(value));
          return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          Field field = schema.field(e.getKey());
          if (field == null) {
            problems.add(path + "." + e.getKey() + ": field not declared in schema");
          } else {
            check(field.schema(), e.getValue(), path + "." + e.getKey(), problems);
          }
        }
      }
      case MAP -> {
        if (!value.isObject()) {
          problems.add(path + ": expected map, got " + goType(value));
          return;
        }
        value.fields().forEachRemaining(e -> check(schema.element(), e.getValue(), path + "." + e.getKey(),
            problems));
      }
      case ARRAY -> {
        if (!value.isArray()) {
          problems.add(path + ": expected list, got " + goType(value));
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(schema.element(), value.get(i), path + "[" + i + "]", problems);
        }
      }
      case STRING, DATE_TIME, MICRO_TIME, DURATION, BYTES -> {
        if (!value.isTextual()) {
          problems.add(path + ": expected string, got " + goType(value));
        }
      }
      case INT32, INT64, DOUBLE -> {
        if (!value.isNumber()) {
          problems.add(path + ": expected numeric (int or float), got " + goType(value));
        }
      }
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          problems.add(path + ": expected boolean, got " + goType(value));
        }
      }
      case QUANTITY, INT_OR_STRING -> {
        if (value.isContainerNode()) {
          problems.add(path + ": expected string or number, got " + goType(value));
        }
      }
      default -> { }
    }
  }

  /** Go's {@code %T} of the decoded value. */
  private static String goType(JsonNode v) {
    if (v.isTextual()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isIntegralNumber()) {
      return "int64";
    }
    if (v.isNumber()) {
      return "float64";
    }
    return v.isArray() ? "[]interface {}" : "map[string]interface {}";
  }
}
