package dev.kubemu.core.managedfields;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.GoJsonText;
import dev.kubemu.core.object.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One step of a field path: a field name ({@code f:replicas}), the key of an item of an associative list
 * ({@code k:{"name":"web"}}), a value of a set ({@code v:"a"}) or a list index ({@code i:0}). Ordered as
 * structured-merge-diff orders them, which is the order of {@code fieldsV1}. Immutable.
 */
final class PathElement implements Comparable<PathElement> {
  private enum Kind { FIELD, KEY, VALUE, INDEX }

  private final Kind kind;
  private final String field;
  private final List<Map.Entry<String, JsonNode>> key;
  private final JsonNode value;
  private final int index;

  private PathElement(Kind kind, String field, List<Map.Entry<String, JsonNode>> key, JsonNode value, int index) {
    this.kind = kind;
    this.field = field;
    this.key = key;
    this.value = value;
    this.index = index;
  }

  static PathElement field(String name) {
    return new PathElement(Kind.FIELD, name, null, null, 0);
  }

  /** An associative-list item by its key fields (sorted by name, as SMD sorts them). */
  static PathElement key(List<Map.Entry<String, JsonNode>> fields) {
    var sorted = new ArrayList<Map.Entry<String, JsonNode>>(fields.size());
    fields.forEach(e -> sorted.add(Map.entry(e.getKey(), goNumber(e.getValue()))));
    sorted.sort(Map.Entry.comparingByKey());
    return new PathElement(Kind.KEY, null, List.copyOf(sorted), null, 0);
  }

  static PathElement value(JsonNode value) {
    return new PathElement(Kind.VALUE, null, null, goNumber(value), 0);
  }

  /**
   * A whole floating-point number as the integer Go prints it ({@code 443.0} from YAML is written {@code 443} in
   * {@code fieldsV1}, where Jackson would write {@code 443.0}); other values as they are.
   */
  private static JsonNode goNumber(JsonNode v) {
    if (v != null && v.isFloatingPointNumber()) {
      double d = v.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return com.fasterxml.jackson.databind.node.LongNode.valueOf((long) d);
      }
    }
    return v;
  }

  static PathElement index(int index) {
    return new PathElement(Kind.INDEX, null, null, null, index);
  }

  boolean isField() {
    return kind == Kind.FIELD;
  }

  boolean isKey() {
    return kind == Kind.KEY;
  }

  String fieldName() {
    return field;
  }

  @Override
  public int compareTo(PathElement o) {
    if (kind != o.kind) {
      return kind.compareTo(o.kind);
    }
    return switch (kind) {
      case FIELD -> field.compareTo(o.field);
      case KEY -> compareKeys(key, o.key);
      case VALUE -> JsonValues.compare(value, o.value);
      case INDEX -> Integer.compare(index, o.index);
    };
  }

  private static int compareKeys(List<Map.Entry<String, JsonNode>> a, List<Map.Entry<String, JsonNode>> b) {
    for (int i = 0; ; i++) {
      if (i >= a.size() || i >= b.size()) {
        return Integer.compare(a.size(), b.size());
      }
      int c = a.get(i).getKey().compareTo(b.get(i).getKey());
      if (c != 0) {
        return c;
      }
      c = JsonValues.compare(a.get(i).getValue(), b.get(i).getValue());
      if (c != 0) {
        return c;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PathElement pe && compareTo(pe) == 0;
  }

  @Override
  public int hashCode() {
    return switch (kind) {
      case FIELD -> field.hashCode();
      case KEY -> key.stream().mapToInt(e -> e.getKey().hashCode() * 31 + JsonValues.hash(e.getValue())).sum();
      case VALUE -> JsonValues.hash(value) * 7;
      case INDEX -> index * 13;
    };
  }

  /** As conflict messages print it: {@code .replicas}, {@code [name="web"]}, {@code [=value]}, {@code [0]}. */
  @Override
  public String toString() {
    return switch (kind) {
      case FIELD -> "." + field;
      case KEY -> {
        var parts = new ArrayList<String>();
        key.forEach(e -> parts.add(e.getKey() + "=" + JsonValues.toString(e.getValue())));
        yield "[" + String.join(",", parts) + "]";
      }
      case VALUE -> "[=" + JsonValues.toString(value) + "]";
      case INDEX -> "[" + index + "]";
    };
  }

  /** The {@code fieldsV1} key of this element. */
  String serialize() {
    return switch (kind) {
      case FIELD -> "f:" + field;
      case KEY -> {
        ObjectNode o = Json.object();
        key.forEach(e -> o.set(e.getKey(), e.getValue()));
        yield "k:" + GoJsonText.marshal(o, false);
      }
      case VALUE -> "v:" + GoJsonText.marshal(value, true);
      case INDEX -> "i:" + index;
    };
  }

  /**
   * Parses a {@code fieldsV1} key; null for a well-formed key of a kind this version does not know ({@code x:...});
   * throws {@link IllegalArgumentException} for malformed ones.
   */
  static PathElement parse(String s) {
    if (s.length() < 2 || s.charAt(1) != ':') {
      throw new IllegalArgumentException("malformed path element: " + s);
    }
    if ("fvki".indexOf(s.charAt(0)) < 0) {
      return null;
    }
    String rest = s.substring(2);
    try {
      return switch (s.charAt(0)) {
        case 'f' -> field(rest);
        case 'v' -> value(Json.MAPPER.readTree(rest));
        case 'k' -> {
          JsonNode o = Json.MAPPER.readTree(rest);
          if (!o.isObject()) {
            throw new IllegalArgumentException("key is not an object: " + s);
          }
          var fields = new ArrayList<Map.Entry<String, JsonNode>>();
          o.fields().forEachRemaining(e -> fields.add(Map.entry(e.getKey(), e.getValue())));
          yield key(fields);
        }
        case 'i' -> index(Integer.parseInt(rest));
        default -> throw new IllegalStateException("unreachable: " + s);
      };
    } catch (JsonProcessingException | NumberFormatException e) {
      throw new IllegalArgumentException("malformed path element: " + s, e);
    }
  }

  static final Comparator<PathElement> ORDER = Comparator.naturalOrder();
}
