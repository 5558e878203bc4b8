package dev.kubemu.core.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.schema.GoFormat;
import dev.kubemu.core.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The check structured-merge-diff makes when kube-apiserver converts an applied configuration to its type (SMD
 * v4.6's validating walker, as Kubernetes 1.33 vendors it, with duplicates not allowed): every field declared, every
 * value of its type, every item of an associative list addressable once. Problems read as SMD words them, with the
 * value rendered as Go's fmt renders what encoding/json decoded ({@code .spec.replicas: expected numeric (int or
 * float), got string}). SMD walks map members in Go's random map order; this walks them in document order.
 */
public final class TypedValidation {
  private final List<String> problems = new ArrayList<>();

  private TypedValidation() {}

  /**
   * Fails as kube-apiserver fails when {@code config} does not convert to an object of {@code schema}: with a plain
   * error, which its clients get as a 500 with no reason.
   */
  public static void check(Schema schema, ObjectNode config) {
    check(SmdType.root(schema), config);
  }

  static void check(SmdType type, ObjectNode config) {
    List<String> problems = problems(type, config);
    if (problems.isEmpty()) {
      return;
    }
    String message = problems.size() == 1 ? problems.get(0) : "errors:\n  " + String.join("\n  ", problems);
    throw ApiErrors.notAStatus("failed to create typed patch object (" + objectName(config) + "): " + message);
  }

  /** The problems of {@code config} as an object of {@code type}, in walk order; empty when it fits. */
  static List<String> problems(SmdType type, JsonNode config) {
    var walk = new TypedValidation();
    walk.value(type, config, "");
    return walk.problems;
  }

  /**
   * {@code ns/name; apps/v1, Kind=Deployment}: an applied configuration as kube-apiserver's field manager names it in
   * its errors (objectGVKNN), from what the configuration says itself.
   */
  public static String objectName(ObjectNode object) {
    JsonNode meta = object.path("metadata");
    return text(meta.path("namespace")) + "/" + text(meta.path("name")) + "; "
        + GroupVersionKind.ofObject(object).goString();
  }

  /** A string member as unstructured accessors read it: anything but a string reads as empty. */
  private static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : "";
  }

  private void value(SmdType type, JsonNode value, String path) {
    if (value == null || value.isNull()) {
      return; // null is a valid value of every type
    }
    switch (type.schema().type()) {
      case OBJECT, MAP -> map(type, value, path);
      case ARRAY -> list(type, value, path);
      case INT32, INT64, DOUBLE -> {
        if (!value.isNumber()) {
          problems.add(path + ": expected numeric (int or float), got " + GoFormat.typeName(value));
        }
      }
      case STRING, BYTES, DURATION -> {
        if (!value.isTextual()) {
          // SMD prints its value wrapper with %#v
          problems.add(path + ": expected string, got &value.valueUnstructured{Value:" + GoFormat.sharpV(value) + "}");
        }
      }
      case BOOLEAN -> {
        if (!value.isBoolean()) {
          problems.add(path + ": expected boolean, got " + wrapped(value));
        }
      }
      // quantities, int-or-strings and times are "untyped" scalars in the schema kube-apiserver converts with
      case QUANTITY, INT_OR_STRING, DATE_TIME, MICRO_TIME -> {
        if (value.isContainerNode()) {
          problems.add(path + ": expected any scalar, got " + wrapped(value));
        }
      }
      default -> { } // raw extensions and fieldsV1 take any value
    }
  }

  private void map(SmdType type, JsonNode value, String path) {
    if (!value.isObject()) {
      problems.add(path + ": expected map, got " + wrapped(value));
      return;
    }
    boolean struct = type.schema().type() == Schema.Type.OBJECT;
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      String memberPath = path + "." + member.getKey();
      if (struct && !type.declaresField(member.getKey())) {
        // SMD stops walking this map at the first member it cannot type
        problems.add(memberPath + ": field not declared in schema");
        return;
      }
      value(type.memberType(member.getKey()), member.getValue(), memberPath);
    }
  }

  private void list(SmdType type, JsonNode value, String path) {
    if (!value.isArray()) {
      problems.add(path + ": expected list, got " + wrapped(value));
      return;
    }
    SmdType itemType = type.itemType();
    var seen = new HashSet<PathElement>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      PathElement pe;
      if (type.associativeList()) {
        try {
          pe = itemElement(type, item);
        } catch (TypedOps.InvalidItem e) {
          // without an address for this item nothing below it can be reported, and SMD gives up on the whole list
          problems.add(path + ": element " + i + ": " + e.getMessage());
          return;
        }
        if (!seen.add(pe)) {
          problems.add(path + ": duplicate entries for key " + pe);
        }
      } else {
        pe = PathElement.index(i);
      }
      value(itemType, item, path + pe);
    }
  }

  /** As SMD v4.6 addresses an item: every key field present or defaulted, each missing one named. */
  private static PathElement itemElement(SmdType list, JsonNode item) {
    if (item != null && item.isObject()) {
      for (String key : list.listKeys()) {
        if (!item.has(key) && list.keyDefault(key) == null) {
          throw new TypedOps.InvalidItem("associative list with keys has an element that omits key field "
              + JsonValues.goQuote(key) + " (and doesn't have default value)");
        }
      }
    }
    return TypedOps.itemElement(list, item);
  }

  /** SMD's value wrapper printed with {@code %v}: {@code &{abc}}. */
  private static String wrapped(JsonNode value) {
    return "&{" + GoFormat.v(value) + "}";
  }
}
