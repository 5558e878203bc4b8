package dev.kubemu.core.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Ordering, equality and printing of JSON values as structured-merge-diff's {@code value} package does them: numbers
 * compare numerically whatever their Java type (so a key {@code 80} read from YAML equals one read from JSON), then
 * strings, booleans, lists, maps, null.
 */
final class JsonValues {
  private JsonValues() {}

  static int compare(JsonNode a, JsonNode b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    return switch (ra) {
      case 0 -> a.isIntegralNumber() && b.isIntegralNumber()
          ? a.bigIntegerValue().compareTo(b.bigIntegerValue()) : Double.compare(a.asDouble(), b.asDouble());
      case 1 -> a.asText().compareTo(b.asText());
      case 2 -> Boolean.compare(a.asBoolean(), b.asBoolean());
      case 3 -> compareLists(a, b);
      case 4 -> compareMaps(a, b);
      default -> 0;
    };
  }

  static boolean equal(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return compare(a, b) == 0;
  }

  static int hash(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return 0;
    }
    if (v.isNumber()) {
      double d = v.asDouble();
      return d == Math.rint(d) ? Long.hashCode((long) d) : Double.hashCode(d);
    }
    if (v.isContainerNode()) {
      int h = v.isArray() ? 7 : 11;
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        h += e.getKey().hashCode() ^ hash(e.getValue());
      }
      for (JsonNode item : v.isArray() ? v : List.<JsonNode>of()) {
        h = 31 * h + hash(item);
      }
      return h;
    }
    return v.asText().hashCode();
  }

  /** {@code value.ToString}: strings quoted as Go's %q, numbers and booleans as they are. */
  static String toString(JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return goQuote(v.asText());
    }
    if (v.isArray()) {
      var parts = new ArrayList<String>();
      v.forEach(item -> parts.add(toString(item)));
      return "[" + String.join(",", parts) + "]";
    }
    if (v.isObject()) {
      var sb = new StringBuilder();
      v.fields().forEachRemaining(e -> sb.append(e.getKey()).append('=').append(toString(e.getValue())));
      return sb.toString();
    }
    return v.asText();
  }

  static String goQuote(String s) {
    var sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static int rank(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return 5;
    }
    if (v.isNumber()) {
      return 0;
    }
    if (v.isTextual()) {
      return 1;
    }
    if (v.isBoolean()) {
      return 2;
    }
    return v.isArray() ? 3 : 4;
  }

  private static int compareLists(JsonNode a, JsonNode b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static int compareMaps(JsonNode a, JsonNode b) {
    var ka = new ArrayList<String>();
    a.fieldNames().forEachRemaining(ka::add);
    var kb = new ArrayList<String>();
    b.fieldNames().forEachRemaining(kb::add);
    ka.sort(null);
    kb.sort(null);
    for (int i = 0; i < Math.min(ka.size(), kb.size()); i++) {
      int c = ka.get(i).compareTo(kb.get(i));
      if (c != 0) {
        return c;
      }
      c = compare(a.get(ka.get(i)), b.get(kb.get(i)));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ka.size(), kb.size());
  }
}
