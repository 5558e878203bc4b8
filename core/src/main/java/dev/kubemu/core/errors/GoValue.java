package dev.kubemu.core.errors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A value as Go's {@code fmt} prints it with {@code %#v}, which is how apimachinery's {@code field.Error} shows a bad
 * value that is neither a string nor a simple number ({@code map[string]string{"app":"x"}},
 * {@code []string{"10.96.0.10"}}, {@code v1.LabelSelector{MatchLabels:..., MatchExpressions:...}}). Validation
 * reports values of kube-apiserver's internal Go types, so callers name those types ({@code core.ServicePort}).
 * Immutable; {@link #toString()} is the Go syntax.
 */
public final class GoValue {
  private final String text;

  private GoValue(String text) {
    this.text = text;
  }

  /** Text that is already Go syntax. */
  public static GoValue raw(String goSyntax) {
    return new GoValue(goSyntax);
  }

  /** A Go string (or a named string type) as {@code %#v} prints it: quoted with Go's escapes. */
  public static GoValue string(String value) {
    return new GoValue(quote(value));
  }

  /** A Go integer of any width (or a named integer type). */
  public static GoValue integer(long value) {
    return new GoValue(Long.toString(value));
  }

  public static GoValue bool(boolean value) {
    return new GoValue(Boolean.toString(value));
  }

  /** A nil pointer, slice or map of the given Go type: {@code (*int32)(nil)}, {@code []string(nil)}. */
  public static GoValue nil(String goType) {
    return new GoValue(goType.startsWith("*") ? "(" + goType + ")(nil)" : goType + "(nil)");
  }

  /**
   * A non-nil pointer held inside a struct. {@code %#v} prints its address there, which differs on every run, so any
   * plausible address will do.
   */
  public static GoValue pointer(String goType) {
    return new GoValue("(" + goType + ")(0xc000a1b2c0)");
  }

  /** A {@code map[string]string} (or a named map type) from a JSON object; keys sorted as fmt sorts them. */
  public static GoValue stringMap(String goType, JsonNode map) {
    if (map == null || map.isNull() || map.isMissingNode()) {
      return nil(goType);
    }
    var sorted = new TreeMap<String, GoValue>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), string(e.getValue().asText())));
    return map(goType, sorted);
  }

  /** {@code map[string]string} from a JSON object. */
  public static GoValue stringMap(JsonNode map) {
    return stringMap("map[string]string", map);
  }

  /** A map with string keys, entries in key order. */
  public static GoValue map(String goType, Map<String, GoValue> entries) {
    var sb = new StringBuilder(goType).append('{');
    boolean first = true;
    for (var e : new TreeMap<>(entries).entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(quote(e.getKey())).append(':').append(e.getValue().text);
    }
    return new GoValue(sb.append('}').toString());
  }

  /** A {@code []string} (or named slice type) from a JSON array; nil when absent. */
  public static GoValue stringSlice(String goType, JsonNode array) {
    if (array == null || array.isNull() || array.isMissingNode()) {
      return nil(goType);
    }
    var items = new ArrayList<GoValue>();
    array.forEach(v -> items.add(string(v.asText())));
    return slice(goType, items);
  }

  public static GoValue stringSlice(JsonNode array) {
    return stringSlice("[]string", array);
  }

  /** A slice of the given elements. */
  public static GoValue slice(String goType, List<GoValue> items) {
    var sb = new StringBuilder(goType).append('{');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(items.get(i).text);
    }
    return new GoValue(sb.append('}').toString());
  }

  /** A slice from a JSON array, each element rendered by {@code element}; nil when absent. */
  public static GoValue slice(String goType, JsonNode array, Function<JsonNode, GoValue> element) {
    if (array == null || array.isNull() || array.isMissingNode()) {
      return nil(goType);
    }
    var items = new ArrayList<GoValue>();
    array.forEach(v -> items.add(element.apply(v)));
    return slice(goType, items);
  }

  /** A struct value: {@code pkg.Type{Field:value, ...}} with the fields in declaration order. */
  public static Struct struct(String goType) {
    return new Struct(goType);
  }

  /** Builds a struct value field by field. */
  public static final class Struct {
    private final String goType;
    private final LinkedHashMap<String, GoValue> fields = new LinkedHashMap<>();

    private Struct(String goType) {
      this.goType = goType;
    }

    public Struct field(String name, GoValue value) {
      fields.put(name, value);
      return this;
    }

    public Struct string(String name, String value) {
      return field(name, GoValue.string(value == null ? "" : value));
    }

    public Struct integer(String name, long value) {
      return field(name, GoValue.integer(value));
    }

    public GoValue build() {
      var sb = new StringBuilder(goType).append('{');
      boolean first = true;
      for (var e : fields.entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        sb.append(e.getKey()).append(':').append(e.getValue().text);
      }
      return new GoValue(sb.append('}').toString());
    }
  }

  // ------------------------------------------------------------------ shapes validation reports

  /** {@code metav1.LabelSelector} as the internal types hold it ({@code v1.LabelSelector{...}}). */
  public static GoValue labelSelector(JsonNode selector) {
    return struct("v1.LabelSelector")
        .field("MatchLabels", stringMap(selector.get("matchLabels")))
        .field("MatchExpressions", slice("[]v1.LabelSelectorRequirement", selector.get("matchExpressions"),
            GoValue::labelSelectorRequirement))
        .build();
  }

  private static GoValue labelSelectorRequirement(JsonNode requirement) {
    return struct("v1.LabelSelectorRequirement")
        .string("Key", requirement.path("key").asText(""))
        .string("Operator", requirement.path("operator").asText(""))
        .field("Values", stringSlice(requirement.get("values")))
        .build();
  }

  /** {@code intstr.IntOrString}: {@code Type} 0 for an int, 1 for a string. */
  public static GoValue intOrString(JsonNode value) {
    boolean isString = value != null && value.isTextual();
    return struct("intstr.IntOrString")
        .integer("Type", isString ? 1 : 0)
        .integer("IntVal", isString || value == null ? 0 : value.asLong())
        .string("StrVal", isString ? value.asText() : "")
        .build();
  }

  /** Go syntax. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GoValue g && g.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** Go's {@code strconv.Quote}: double quotes, backslash escapes for quotes and control characters. */
  public static String quote(String s) {
    var sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 11 -> sb.append("\\v");
        default -> {
          if (printable(cp)) {
            sb.appendCodePoint(cp);
          } else if (cp < 0x80) {
            sb.append(String.format("\\x%02x", cp));
          } else if (cp < 0x10000) {
            sb.append(String.format("\\u%04x", cp));
          } else {
            sb.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static boolean printable(int cp) {
    if (cp < 0x20 || cp == 0x7f) {
      return false;
    }
    if (cp < 0x7f) {
      return true;
    }
    int type = Character.getType(cp);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
        && type != Character.SURROGATE && type != Character.PRIVATE_USE && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR && !(type == Character.SPACE_SEPARATOR && cp != 0x20);
  }
}
