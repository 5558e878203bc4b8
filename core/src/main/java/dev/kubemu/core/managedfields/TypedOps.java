package dev.kubemu.core.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.schema.Field;
import dev.kubemu.core.schema.GoZeroValues;
import dev.kubemu.core.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * structured-merge-diff's operations on typed values, over JSON trees and {@link SmdType}s: the set of fields an
 * object sets, the comparison of two objects, the merge of an applied configuration into a live object, and the
 * removal of items. Pure functions; inputs are never modified.
 */
final class TypedOps {
  private TypedOps() {}

  /** A list item that cannot be addressed (no key fields, a null in a set, ...). */
  static final class InvalidItem extends IllegalArgumentException {
    InvalidItem(String message) {
      super(message);
    }
  }

  // ------------------------------------------------------------------------------------------- path elements

  /** The path element of an item of an associative list. */
  static PathElement itemElement(SmdType list, JsonNode item) {
    List<String> keys = list.listKeys();
    if (!keys.isEmpty()) {
      if (item == null || item.isNull()) {
        throw new InvalidItem("associative list with keys may not have a null element");
      }
      if (!item.isObject()) {
        throw new InvalidItem("associative list with keys may not have non-map elements");
      }
      var fields = new ArrayList<Map.Entry<String, JsonNode>>();
      for (String key : keys) {
        JsonNode v = item.get(key);
        if (v == null) {
          v = list.keyDefault(key);
        }
        if (v != null) {
          fields.add(Map.entry(key, v));
        }
      }
      if (fields.isEmpty()) {
        throw new InvalidItem("associative list with keys has an element that omits all key fields " + keys
            + " (and doesn't have default values for any key fields)");
      }
      return PathElement.key(fields);
    }
    if (item == null || item.isNull()) {
      throw new InvalidItem("associative list without keys has an element that's an explicit null");
    }
    if (item.isObject()) {
      throw new InvalidItem("associative list without keys has an element that's a map type");
    }
    if (item.isArray()) {
      throw new InvalidItem("not supported: associative list with lists as elements");
    }
    return PathElement.value(item);
  }

  // ------------------------------------------------------------------------------------------- field sets

  /** Every field {@code value} sets, as SMD's {@code ToFieldSet} lists them. */
  static FieldSet toFieldSet(SmdType type, JsonNode value) {
    FieldSet set = new FieldSet();
    toFieldSet(type, value, new ArrayList<>(), set);
    return set;
  }

  private static void toFieldSet(SmdType type, JsonNode value, List<PathElement> path, FieldSet set) {
    switch (type.kind(value)) {
      case SCALAR -> set.insert(path);
      case LIST -> {
        if (!type.associativeList()) {
          set.insert(path);
          return;
        }
        if (value == null || !value.isArray()) {
          return;
        }
        SmdType itemType = type.itemType();
        var seen = new HashSet<PathElement>();
        var duplicates = new HashSet<PathElement>();
        for (JsonNode item : value) {
          PathElement pe = itemElement(type, item);
          if (!seen.add(pe) && duplicates.add(pe)) {
            set.insert(FieldPaths.append(path, pe));
          }
        }
        for (JsonNode item : value) {
          PathElement pe = itemElement(type, item);
          if (duplicates.contains(pe)) {
            continue;
          }
          List<PathElement> child = FieldPaths.append(path, pe);
          toFieldSet(itemType, item, child, set);
          set.insert(child);
        }
      }
      case MAP -> {
        if (type.atomicMap()) {
          set.insert(path);
          return;
        }
        if (value == null || !value.isObject()) {
          return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          List<PathElement> child = FieldPaths.append(path, PathElement.field(e.getKey()));
          JsonNode v = e.getValue();
          toFieldSet(type.memberType(e.getKey()), v, child, set);
          if (v.isNull() || v.isObject() && v.isEmpty() || !type.declaresField(e.getKey())) {
            set.insert(child);
          }
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  // ------------------------------------------------------------------------------------------- compare

  /** What changed from {@code lhs} to {@code rhs}: fields added, modified and removed. */
  record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
    /** Modified and added fields, the ones other managers lose (or conflict on). */
    FieldSet changed() {
      return modified.union(added);
    }

    static Comparison empty() {
      return new Comparison(new FieldSet(), new FieldSet(), new FieldSet());
    }

    boolean isSame() {
      return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }

    Comparison excluding(FieldSet ignored) {
      if (ignored.isEmpty()) {
        return this;
      }
      return new Comparison(added.recursiveDifference(ignored), modified.recursiveDifference(ignored),
          removed.recursiveDifference(ignored));
    }
  }

  /**
   * What one side of a comparison is, which decides the fields it holds where the JSON leaves them out. kube-apiserver
   * compares objects converted to structured-merge-diff's values from their Go structs, or from unstructured JSON, or
   * the results of merging one into the other; kubemu compares the JSON and supplies what the Go struct would hold.
   */
  enum Shape {
    /**
     * An object decoded into its Go type: fields left out (or null) hold their zero value, and omitempty fields at
     * their zero value are left out, as the Go value's encoding leaves them out.
     */
    GO_STRUCT,
    /**
     * The result of merging an applied configuration into a Go-typed live object: the live object's zero-valued
     * fields are in it, and values the configuration set are as it set them (an explicit {@code false} stays).
     */
    MERGED,
    /** Unstructured JSON (a last-applied configuration): exactly the fields it spells out. */
    UNSTRUCTURED
  }

  /** What changed from {@code lhs} to {@code rhs}, both decoded into their Go types. */
  static Comparison compare(SmdType type, JsonNode lhs, JsonNode rhs) {
    return compare(type, lhs, Shape.GO_STRUCT, rhs, Shape.GO_STRUCT);
  }

  static Comparison compare(SmdType type, JsonNode lhs, Shape lhsShape, JsonNode rhs, Shape rhsShape) {
    Comparer comparer = new Comparer(lhsShape, rhsShape);
    comparer.compare(type, lhs, rhs, new ArrayList<>());
    return comparer.c;
  }

  /** structured-merge-diff's compare walk over two sides of known shapes. */
  private static final class Comparer {
    private final Shape lhsShape;
    private final Shape rhsShape;
    private final Comparison c = Comparison.empty();

    Comparer(Shape lhsShape, Shape rhsShape) {
      this.lhsShape = lhsShape;
      this.rhsShape = rhsShape;
    }

    void compare(SmdType type, JsonNode lhs, JsonNode rhs, List<PathElement> path) {
      if (lhs != null && rhs != null && lhs.equals(rhs)) {
        return;
      }
      boolean leaf;
      JsonNode probe = rhs != null ? rhs : lhs;
      if (lhs != null && rhs != null && type.kind(lhs) != type.kind(rhs)) {
        leaf = leaf(type, lhs, rhs, path);
      } else {
        leaf = switch (type.kind(probe)) {
          case SCALAR -> leaf(type, lhs, rhs, path);
          case LIST -> list(type, lhs, rhs, path);
          case MAP -> map(type, lhs, rhs, path);
        };
      }
      if (!leaf) {
        if (lhs == null) {
          c.added().insert(path);
        } else if (rhs == null) {
          c.removed().insert(path);
        }
      }
    }

    private boolean leaf(SmdType type, JsonNode lhs, JsonNode rhs, List<PathElement> path) {
      if (lhs == null) {
        c.added().insert(path);
      } else if (rhs == null) {
        c.removed().insert(path);
      } else if (!goEqual(type, lhs, rhs)) {
        c.modified().insert(path);
      }
      return true;
    }

    private boolean list(SmdType type, JsonNode lhs, JsonNode rhs, List<PathElement> path) {
      boolean empty = isEmptyList(lhs) && isEmptyList(rhs);
      if (!type.associativeList() || empty) {
        return leaf(type, lhs, rhs, path);
      }
      if (lhs == null && rhs == null) {
        return false;
      }
      var order = new ArrayList<PathElement>();
      Map<PathElement, List<JsonNode>> left = index(type, lhs, order);
      Map<PathElement, List<JsonNode>> right = index(type, rhs, order);
      SmdType itemType = type.itemType();
      for (PathElement pe : new LinkedHashSet<>(order)) {
        List<JsonNode> l = left.getOrDefault(pe, List.of());
        List<JsonNode> r = right.getOrDefault(pe, List.of());
        List<PathElement> child = FieldPaths.append(path, pe);
        if (l.size() <= 1 && r.size() <= 1) {
          compare(itemType, l.isEmpty() ? null : l.get(0), r.isEmpty() ? null : r.get(0), child);
        } else if (l.size() >= 2 && r.size() >= 2) {
          if (!sameItems(itemType, l, r)) {
            c.modified().insert(child);
          }
        } else if (l.size() >= 2) {
          if (!r.isEmpty()) {
            compare(itemType, null, r.get(0), child);
          }
          c.removed().insert(child);
        } else {
          if (!l.isEmpty()) {
            compare(itemType, l.get(0), null, child);
          }
          c.added().insert(child);
        }
      }
      return false;
    }

    private boolean sameItems(SmdType itemType, List<JsonNode> a, List<JsonNode> b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!goEqual(itemType, a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }

    private boolean map(SmdType type, JsonNode lhs, JsonNode rhs, List<PathElement> path) {
      boolean empty = isEmptyMap(lhs) && isEmptyMap(rhs);
      if (type.atomicMap() || empty) {
        return leaf(type, lhs, rhs, path);
      }
      if (lhs == null && rhs == null) {
        return false;
      }
      var keys = new LinkedHashSet<String>();
      if (lhs != null && lhs.isObject()) {
        lhs.fieldNames().forEachRemaining(keys::add);
      }
      if (rhs != null && rhs.isObject()) {
        rhs.fieldNames().forEachRemaining(keys::add);
      }
      for (String key : keys) {
        JsonNode l = member(lhs, key);
        JsonNode r = member(rhs, key);
        if (l != null && r != null && l.equals(r)) {
          continue;
        }
        SmdType memberType = type.memberType(key);
        Field field = memberType.field();
        if (field != null) {
          l = lhs != null && lhs.isObject() ? asHeld(field, l, lhsShape) : l;
          r = rhs != null && rhs.isObject() ? asHeld(field, r, rhsShape) : r;
        }
        if (l == null && r == null || l != null && r != null && l.equals(r)) {
          continue;
        }
        compare(memberType, l, r, FieldPaths.append(path, PathElement.field(key)));
      }
      return false;
    }

    /**
     * Whether two leaves (scalars, atomic lists and structs) are equal values, their structs compared as the sides'
     * shapes hold them (an atomic LabelSelector with {@code matchExpressions: []} equals one without).
     */
    private boolean goEqual(SmdType type, JsonNode lhs, JsonNode rhs) {
      if (lhs.equals(rhs)) {
        return true;
      }
      Schema schema = type.schema();
      switch (schema.type()) {
        case OBJECT -> {
          if (!lhs.isObject() || !rhs.isObject()) {
            return JsonValues.equal(lhs, rhs);
          }
          var keys = new LinkedHashSet<String>();
          lhs.fieldNames().forEachRemaining(keys::add);
          rhs.fieldNames().forEachRemaining(keys::add);
          for (String key : keys) {
            SmdType memberType = type.memberType(key);
            JsonNode l = lhs.get(key);
            JsonNode r = rhs.get(key);
            if (memberType.field() != null) {
              l = asHeld(memberType.field(), l, lhsShape);
              r = asHeld(memberType.field(), r, rhsShape);
            }
            if (l == null || r == null ? l != r : !goEqual(memberType, l, r)) {
              return false;
            }
          }
          return true;
        }
        case ARRAY -> {
          if (!lhs.isArray() || !rhs.isArray() || lhs.size() != rhs.size()) {
            return JsonValues.equal(lhs, rhs);
          }
          SmdType itemType = type.itemType();
          for (int i = 0; i < lhs.size(); i++) {
            if (!goEqual(itemType, lhs.get(i), rhs.get(i))) {
              return false;
            }
          }
          return true;
        }
        case MAP -> {
          if (!lhs.isObject() || !rhs.isObject() || lhs.size() != rhs.size()) {
            return JsonValues.equal(lhs, rhs);
          }
          for (Iterator<Map.Entry<String, JsonNode>> it = lhs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = rhs.get(e.getKey());
            if (r == null || !goEqual(type.memberType(e.getKey()), e.getValue(), r)) {
              return false;
            }
          }
          return true;
        }
        default -> {
          return JsonValues.equal(lhs, rhs);
        }
      }
    }
  }

  private static Map<PathElement, List<JsonNode>> index(SmdType type, JsonNode list, List<PathElement> order) {
    var map = new HashMap<PathElement, List<JsonNode>>();
    if (list == null || !list.isArray()) {
      return map;
    }
    for (JsonNode item : list) {
      PathElement pe = itemElement(type, item);
      map.computeIfAbsent(pe, k -> {
        order.add(k);
        return new ArrayList<>();
      }).add(item);
    }
    return map;
  }

  /** The value of a struct field (null: left out) on a side of {@code shape}. */
  private static JsonNode asHeld(Field field, JsonNode v, Shape shape) {
    return switch (shape) {
      case GO_STRUCT -> goValue(field, v);
      case MERGED -> v == null ? GoZeroValues.zero(field) : v;
      case UNSTRUCTURED -> v;
    };
  }

  /**
   * The value a struct field has once the object is a Go struct: Go's zero value when it is left out or null, and
   * left out (null) when its tag says omitempty and the value is Go's zero value (false, 0, "", an empty slice or
   * map); non-nil pointers and structs are never left out.
   */
  private static JsonNode goValue(Field field, JsonNode v) {
    if (v == null || v.isNull()) {
      return GoZeroValues.zero(field);
    }
    return field.omitEmpty() && !field.pointer() && isGoZero(field.schema().type(), v) ? null : v;
  }

  private static boolean isGoZero(Schema.Type type, JsonNode v) {
    return switch (type) {
      case ARRAY -> v.isArray() && v.isEmpty();
      case MAP -> v.isObject() && v.isEmpty();
      case STRING, BYTES -> v.isTextual() && v.textValue().isEmpty();
      case BOOLEAN -> v.isBoolean() && !v.booleanValue();
      case INT32, INT64, DOUBLE -> v.isNumber() && v.doubleValue() == 0;
      default -> false;
    };
  }

  // ------------------------------------------------------------------------------------------- merge

  /** Merges {@code rhs} into {@code lhs}: associative lists by key, granular maps by field, the rest replaced. */
  static JsonNode merge(SmdType type, JsonNode lhs, JsonNode rhs) {
    if (lhs == null && rhs == null) {
      return null;
    }
    JsonNode probe = rhs != null ? rhs : lhs;
    if (lhs != null && rhs != null && type.kind(lhs) != type.kind(rhs)) {
      return rhs;
    }
    return switch (type.kind(probe)) {
      case SCALAR -> rhs != null ? rhs : lhs;
      case LIST -> mergeList(type, lhs, rhs);
      case MAP -> mergeMap(type, lhs, rhs);
    };
  }

  private static JsonNode mergeList(SmdType type, JsonNode lhs, JsonNode rhs) {
    if (!type.associativeList() || isEmptyList(lhs) && isEmptyList(rhs)) {
      return rhs != null ? rhs : lhs;
    }
    var rhsPes = new ArrayList<PathElement>();
    var rhsValues = new HashMap<PathElement, JsonNode>();
    if (rhs != null) {
      for (JsonNode item : rhs) {
        PathElement pe = itemElement(type, item);
        if (rhsValues.containsKey(pe)) {
          throw new InvalidItem("duplicate entries for key " + pe);
        }
        rhsValues.put(pe, item);
        rhsPes.add(pe);
      }
    }
    var lhsPes = new ArrayList<PathElement>();
    var lhsValues = new HashMap<PathElement, JsonNode>();
    if (lhs != null) {
      for (JsonNode item : lhs) {
        PathElement pe = itemElement(type, item);
        // duplicated items of the live object are kept as one position, with no value to merge
        lhsValues.put(pe, lhsValues.containsKey(pe) ? null : item);
        lhsPes.add(pe);
      }
    }
    var shared = new ArrayList<PathElement>();
    for (PathElement pe : rhsPes) {
      if (lhsValues.containsKey(pe)) {
        shared.add(pe);
      }
    }
    int sharedIndex = 0;
    PathElement nextShared = shared.isEmpty() ? null : shared.get(sharedIndex++);
    SmdType itemType = type.itemType();
    ArrayNode out = Json.array();
    var mergedRhs = new HashSet<PathElement>();
    for (int li = 0, ri = 0; li < lhsPes.size() || ri < rhsPes.size(); ) {
      if (li < lhsPes.size() && ri < rhsPes.size()) {
        PathElement pe = lhsPes.get(li);
        if (pe.equals(rhsPes.get(ri))) {
          mergedRhs.add(pe);
          add(out, merge(itemType, lhsValues.get(pe), rhsValues.get(pe)));
          li++;
          ri++;
          nextShared = sharedIndex < shared.size() ? shared.get(sharedIndex++) : null;
          continue;
        }
        if (rhsValues.containsKey(pe) && nextShared != null && !nextShared.equals(pe)) {
          li++;
          continue;
        }
      }
      if (li < lhsPes.size()) {
        PathElement pe = lhsPes.get(li);
        if (!rhsValues.containsKey(pe)) {
          add(out, merge(itemType, lhs.get(li), null));
          li++;
          continue;
        } else if (mergedRhs.contains(pe)) {
          li++;
        }
      }
      if (ri < rhsPes.size()) {
        PathElement pe = rhsPes.get(ri);
        mergedRhs.add(pe);
        add(out, merge(itemType, lhsValues.get(pe), rhsValues.get(pe)));
        ri++;
        if (nextShared != null && nextShared.equals(pe)) {
          nextShared = sharedIndex < shared.size() ? shared.get(sharedIndex++) : null;
        }
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static void add(ArrayNode out, JsonNode item) {
    if (item != null) {
      out.add(item);
    }
  }

  private static JsonNode mergeMap(SmdType type, JsonNode lhs, JsonNode rhs) {
    if (type.atomicMap() || isEmptyMap(lhs) && isEmptyMap(rhs)) {
      return rhs != null ? rhs : lhs;
    }
    var keys = new LinkedHashSet<String>();
    if (lhs != null && lhs.isObject()) {
      lhs.fieldNames().forEachRemaining(keys::add);
    }
    if (rhs != null && rhs.isObject()) {
      rhs.fieldNames().forEachRemaining(keys::add);
    }
    ObjectNode out = Json.object();
    for (String key : keys) {
      JsonNode merged = merge(type.memberType(key), member(lhs, key), member(rhs, key));
      if (merged != null) {
        out.set(key, merged);
      }
    }
    return out.isEmpty() ? null : out;
  }

  // ------------------------------------------------------------------------------------------- remove

  /** {@code value} without the list items and map entries in {@code toRemove}; null when nothing is left. */
  static JsonNode removeItems(SmdType type, JsonNode value, FieldSet toRemove) {
    if (value == null) {
      return null;
    }
    switch (type.kind(value)) {
      case SCALAR -> {
        return value;
      }
      case LIST -> {
        if (!value.isArray() || value.isEmpty() || !type.associativeList()) {
          return null;
        }
        ArrayNode out = Json.array();
        SmdType itemType = type.itemType();
        for (JsonNode item : value) {
          PathElement pe = itemElement(type, item);
          if (toRemove.has(List.of(pe))) {
            continue;
          }
          FieldSet below = toRemove.withPrefix(pe);
          add(out, below.isEmpty() ? item : removeItems(itemType, item, below));
        }
        return out.isEmpty() ? null : out;
      }
      case MAP -> {
        if (!value.isObject() || value.isEmpty() || type.atomicMap()) {
          return null;
        }
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          PathElement pe = PathElement.field(e.getKey());
          if (toRemove.has(List.of(pe))) {
            continue;
          }
          FieldSet below = toRemove.withPrefix(pe);
          JsonNode v = below.isEmpty() ? e.getValue() : removeItems(type.memberType(e.getKey()), e.getValue(), below);
          if (v != null) {
            out.set(e.getKey(), v);
          }
        }
        return out.isEmpty() ? null : out;
      }
      default -> throw new IllegalStateException();
    }
  }

  // ------------------------------------------------------------------------------------------- helpers

  private static JsonNode member(JsonNode object, String key) {
    return object == null || !object.isObject() ? null : object.get(key);
  }

  private static boolean isEmptyList(JsonNode v) {
    return v == null || v.isNull() || v.isArray() && v.isEmpty();
  }

  private static boolean isEmptyMap(JsonNode v) {
    return v == null || v.isNull() || v.isObject() && v.isEmpty();
  }
}
