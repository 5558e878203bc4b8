package dev.kubemu.core.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.schema.Field;
import dev.kubemu.core.schema.Schema;
import java.util.List;

/**
 * How structured-merge-diff sees one position of an object, derived from the kubemu schema and the markers of the
 * field there: a scalar, a list (atomic, or associative by key fields, or a set of scalars), or a map (a struct with
 * declared fields, or a map of values; granular or atomic). Positions of untyped data (raw extensions) are deduced
 * from the value: objects are granular maps, lists atomic.
 */
record SmdType(Schema schema, Field field) {
  enum Kind { SCALAR, LIST, MAP }

  static SmdType root(Schema schema) {
    return new SmdType(schema, null);
  }

  /** The kind of this position for {@code value} (only untyped positions depend on the value). */
  Kind kind(JsonNode value) {
    return switch (schema.type()) {
      case OBJECT, MAP -> Kind.MAP;
      case ARRAY -> Kind.LIST;
      case ANY -> value != null && value.isObject() ? Kind.MAP : value != null && value.isArray() ? Kind.LIST
          : Kind.SCALAR;
      default -> Kind.SCALAR;
    };
  }

  boolean isStruct() {
    return schema.type() == Schema.Type.OBJECT;
  }

  boolean declaresField(String name) {
    return isStruct() && schema.field(name) != null;
  }

  /** Whether a list position is associative (merged item by item) rather than atomic. */
  boolean associativeList() {
    if (schema.type() != Schema.Type.ARRAY || field == null) {
      return false;
    }
    if (field.listType() != null) {
      return field.listType().equals("map") || field.listType().equals("set");
    }
    return field.mergesList();
  }

  /** The key fields of an associative list of objects; empty for sets of scalars. */
  List<String> listKeys() {
    if (field == null) {
      return List.of();
    }
    if (field.listType() != null) {
      return field.listType().equals("map") ? field.listMapKeys() : List.of();
    }
    return field.patchMergeKey() == null ? List.of() : List.of(field.patchMergeKey());
  }

  /** Whether a map or struct position is replaced as a whole. */
  boolean atomicMap() {
    if (field != null && field.mapType() != null) {
      return field.mapType().equals("atomic");
    }
    return schema.type() == Schema.Type.OBJECT && schema.atomic();
  }

  /** The type of a field or map value below this map position. */
  SmdType memberType(String name) {
    return switch (schema.type()) {
      case OBJECT -> {
        Field f = schema.field(name);
        yield f == null ? untyped() : new SmdType(f.schema(), f);
      }
      case MAP -> new SmdType(schema.element(), null);
      default -> untyped();
    };
  }

  /** The type of the items of this list position. */
  SmdType itemType() {
    return schema.type() == Schema.Type.ARRAY ? new SmdType(schema.element(), null) : untyped();
  }

  /** The type below {@code pe}. */
  SmdType childType(PathElement pe) {
    return pe.isField() ? memberType(pe.fieldName()) : itemType();
  }

  /** The declared default of a key field of this list's items (e.g. {@code protocol: TCP}), or null. */
  JsonNode keyDefault(String keyField) {
    Schema item = schema.element();
    if (item == null || item.type() != Schema.Type.OBJECT || item.field(keyField) == null) {
      return null;
    }
    String text = item.field(keyField).defaultValue();
    if (text == null) {
      return null;
    }
    try {
      return dev.kubemu.core.object.Json.MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  static SmdType untyped() {
    return new SmdType(Schema.of(Schema.Type.ANY), null);
  }
}
