package dev.kubemu.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch (application/strategic-merge-patch+json) as apimachinery applies it: maps merge and
 * {@code null} deletes; lists with a merge strategy merge by their merge key (or as sets, for primitives), others
 * are replaced; the directives {@code $patch} (replace, delete, merge), {@code $setElementOrder/<list>},
 * {@code $retainKeys} and {@code $deleteFromPrimitiveList/<list>} are honoured. Pure.
 */
public final class StrategicMergePatch {
  static final String PATCH = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String SET_ORDER = "$setElementOrder/";
  static final String DELETE_FROM = "$deleteFromPrimitiveList/";

  private StrategicMergePatch() {}

  /** Returns the patched document; {@code original} is not modified. */
  public static JsonNode apply(JsonNode original, JsonNode patch, PatchMeta meta) {
    if (!patch.isObject()) {
      throw new PatchException("strategic merge patch must be a JSON object");
    }
    JsonNode result = mergeMap(original != null && original.isObject() ? (ObjectNode) original.deepCopy()
        : Json.object(), (ObjectNode) patch, meta);
    return result == null ? Json.object() : result;
  }

  /** Merges {@code patch} into {@code target} (which it may change); null means "delete this map". */
  private static ObjectNode mergeMap(ObjectNode target, ObjectNode patch, PatchMeta meta) {
    String directive = patch.path(PATCH).asText("");
    if (directive.equals("replace")) {
      ObjectNode replaced = patch.deepCopy();
      replaced.remove(PATCH);
      return stripDirectives(replaced);
    }
    if (directive.equals("delete")) {
      return null;
    }
    if (!directive.isEmpty() && !directive.equals("merge")) {
      throw new PatchException("Unknown patch type: " + directive);
    }
    Map<String, JsonNode> orders = new LinkedHashMap<>();
    Map<String, JsonNode> deletions = new LinkedHashMap<>();
    var it = patch.fields();
    while (it.hasNext()) {
      var e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.equals(PATCH) || key.equals(RETAIN_KEYS)) {
        continue;
      }
      if (key.startsWith(SET_ORDER)) {
        orders.put(key.substring(SET_ORDER.length()), value);
        continue;
      }
      if (key.startsWith(DELETE_FROM)) {
        deletions.put(key.substring(DELETE_FROM.length()), value);
        continue;
      }
      if (value.isNull()) {
        target.remove(key);
        continue;
      }
      JsonNode current = target.get(key);
      PatchMeta child = meta.field(key);
      if (value.isObject()) {
        ObjectNode base = current instanceof ObjectNode o ? o : Json.object();
        ObjectNode merged = mergeMap(base, (ObjectNode) value, child);
        if (merged == null) {
          target.remove(key);
        } else {
          target.set(key, merged);
        }
      } else if (value.isArray() && child.mergesList()) {
        ArrayNode base = current instanceof ArrayNode a ? a : Json.array();
        JsonNode order = patch.get(SET_ORDER + key);
        target.set(key, mergeList(base, (ArrayNode) value, order instanceof ArrayNode o ? o : null, child));
      } else {
        target.set(key, value.isContainerNode() ? stripDirectives(value.deepCopy()) : value);
      }
    }
    deletions.forEach((field, values) -> {
      if (target.get(field) instanceof ArrayNode list) {
        var remove = new HashSet<JsonNode>();
        values.forEach(remove::add);
        for (int i = list.size() - 1; i >= 0; i--) {
          if (remove.contains(list.get(i))) {
            list.remove(i);
          }
        }
      }
    });
    orders.forEach((field, order) -> {
      // an order without a patch for the list still reorders it (kubectl sends that after removals)
      if (!patch.has(field) && target.get(field) instanceof ArrayNode list && order.isArray()) {
        target.set(field, normalize(list, list, (ArrayNode) order, meta.field(field).mergeKey()));
      }
    });
    if (patch.has(RETAIN_KEYS) && patch.get(RETAIN_KEYS).isArray()) {
      Set<String> keep = new HashSet<>();
      patch.get(RETAIN_KEYS).forEach(k -> keep.add(k.asText()));
      var names = new ArrayList<String>();
      target.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        if (!keep.contains(n)) {
          target.remove(n);
        }
      }
    }
    return target;
  }

  private static ArrayNode mergeList(ArrayNode original, ArrayNode patch, ArrayNode order, PatchMeta meta) {
    for (JsonNode item : patch) {
      if (item.isObject() && item.path(PATCH).asText("").equals("replace") && item.size() == 1) {
        // {"$patch": "replace"} as an item: the rest of the patch list replaces the original
        ArrayNode replaced = Json.array();
        for (JsonNode other : patch) {
          if (other != item) {
            replaced.add(stripDirectives(other.deepCopy()));
          }
        }
        return replaced;
      }
    }
    String key = meta.mergeKey();
    ArrayNode merged = original.deepCopy();
    ArrayNode patchOrder = Json.array();
    for (JsonNode item : patch) {
      if (key == null) {
        if (!contains(merged, item, null)) {
          merged.add(item);
        }
        patchOrder.add(item);
        continue;
      }
      if (!item.isObject()) {
        throw new PatchException("strategic merge patch: list item without the merge key " + key + ": " + item);
      }
      JsonNode id = item.get(key);
      int index = indexOf(merged, key, id);
      if (item.path(PATCH).asText("").equals("delete")) {
        if (index >= 0) {
          merged.remove(index);
        }
        continue;
      }
      patchOrder.add(item);
      if (index >= 0) {
        ObjectNode result = mergeMap((ObjectNode) merged.get(index), (ObjectNode) item, meta);
        if (result == null) {
          merged.remove(index);
        } else {
          merged.set(index, result);
        }
      } else {
        ObjectNode added = mergeMap(Json.object(), (ObjectNode) item, meta);
        if (added != null) {
          merged.add(added);
        }
      }
    }
    return normalize(merged, original, order != null ? order : patchOrder, key);
  }

  /**
   * apimachinery's normalizeElementOrder: items named in {@code patchOrder} come in that order, the others keep the
   * original order, and the two sequences interleave by their positions in the original (items new to the list go
   * before the remaining original-only items).
   */
  private static ArrayNode normalize(ArrayNode merged, ArrayNode original, ArrayNode patchOrder, String key) {
    List<JsonNode> patchItems = new ArrayList<>();
    for (JsonNode o : patchOrder) {
      for (JsonNode item : merged) {
        if (sameItem(item, o, key) && !patchItems.contains(item)) {
          patchItems.add(item);
          break;
        }
      }
    }
    List<JsonNode> serverOnly = new ArrayList<>();
    for (JsonNode item : merged) {
      if (!patchItems.contains(item)) {
        serverOnly.add(item);
      }
    }
    ArrayNode result = Json.array();
    int i = 0;
    int j = 0;
    while (i < serverOnly.size() || j < patchItems.size()) {
      if (i >= serverOnly.size()) {
        result.add(patchItems.get(j++));
      } else if (j >= patchItems.size()) {
        result.add(serverOnly.get(i++));
      } else {
        int li = position(original, serverOnly.get(i), key);
        int ri = position(original, patchItems.get(j), key);
        if (li >= 0 && ri >= 0 && li < ri) {
          result.add(serverOnly.get(i++));
        } else {
          result.add(patchItems.get(j++));
        }
      }
    }
    return result;
  }

  private static boolean sameItem(JsonNode item, JsonNode reference, String key) {
    if (key == null) {
      return item.equals(reference);
    }
    JsonNode id = reference.get(key);
    return id != null && id.equals(item.get(key));
  }

  private static int position(ArrayNode list, JsonNode item, String key) {
    for (int i = 0; i < list.size(); i++) {
      if (sameItem(list.get(i), item, key)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(ArrayNode list, JsonNode item, String key) {
    return position(list, item, key) >= 0;
  }

  private static int indexOf(ArrayNode list, String key, JsonNode id) {
    for (int i = 0; i < list.size(); i++) {
      if (id != null && id.equals(list.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  private static <T extends JsonNode> T stripDirectives(T node) {
    if (node instanceof ObjectNode o) {
      var names = new ArrayList<String>();
      o.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        if (n.startsWith("$")) {
          o.remove(n);
        } else {
          stripDirectives(o.get(n));
        }
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(StrategicMergePatch::stripDirectives);
    }
    return node;
  }
}
