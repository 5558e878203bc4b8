package dev.kubemu.core.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.schema.GoZeroValues;
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

  static Comparison compare(SmdType type, JsonNode lhs, JsonNode rhs) {
    Comparison c = Comparison.empty();
    compare(type, lhs, rhs, new ArrayList<>(), c);
    return c;
  }

  private static void compare(SmdType type, JsonNode lhs, JsonNode rhs, List<PathElement> path, Comparison c) {
    if (lhs != null && rhs != null && lhs.equals(rhs)) {
      return;
    }
    boolean leaf;
    JsonNode probe = rhs != null ? rhs : lhs;
    if (lhs != null && rhs != null && type.kind(lhs) != type.kind(rhs)) {
      leaf = compareLeaf(lhs, rhs, path, c);
    } else {
      leaf = switch (type.kind(probe)) {
        case SCALAR -> compareLeaf(lhs, rhs, path, c);
        case LIST -> compareList(type, lhs, rhs, path, c);
        case MAP -> compareMap(type, lhs, rhs, path, c);
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

  private static boolean compareLeaf(JsonNode lhs, JsonNode rhs, List<PathElement> path, Comparison c) {
    if (lhs == null) {
      c.added().insert(path);
    } else if (rhs == null) {
      c.removed().insert(path);
    } else if (!JsonValues.equal(lhs, rhs)) {
      c.modified().insert(path);
    }
    return true;
  }

  private static boolean compareList(SmdType type, JsonNode lhs, JsonNode rhs, List<PathElement> path,
      Comparison c) {
    boolean empty = isEmptyList(lhs) && isEmptyList(rhs);
    if (!type.associativeList() || empty) {
      return compareLeaf(lhs, rhs, path, c);
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
        compare(itemType, l.isEmpty() ? null : l.get(0), r.isEmpty() ? null : r.get(0), child, c);
      } else if (l.size() >= 2 && r.size() >= 2) {
        if (!sameItems(l, r)) {
          c.modified().insert(child);
        }
      } else if (l.size() >= 2) {
        if (!r.isEmpty()) {
          compare(itemType, null, r.get(0), child, c);
        }
        c.removed().insert(child);
      } else {
        if (!l.isEmpty()) {
          compare(itemType, l.get(0), null, child, c);
        }
        c.added().insert(child);
      }
    }
    return false;
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

  private static boolean sameItems(List<JsonNode> a, List<JsonNode> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!JsonValues.equal(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean compareMap(SmdType type, JsonNode lhs, JsonNode rhs, List<PathElement> path,
      Comparison c) {
    boolean empty = isEmptyMap(lhs) && isEmptyMap(rhs);
    if (type.atomicMap() || empty) {
      return compareLeaf(lhs, rhs, path, c);
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
      // a struct field one side leaves out holds Go's zero value there, which is what the Go type compares
      if (l == null && lhs != null && memberType.field() != null) {
        l = GoZeroValues.zero(memberType.field());
      }
      if (r == null && rhs != null && memberType.field() != null) {
        r = GoZeroValues.zero(memberType.field());
      }
      if (l == null && r == null || l != null && r != null && l.equals(r)) {
        continue;
      }
      compare(memberType, l, r, FieldPaths.append(path, PathElement.field(key)), c);
    }
    return false;
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
