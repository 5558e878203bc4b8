package dev.kubemu.kinds.autoscaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON that kube-apiserver keeps in the HPA round-trip annotations is whatever Go's {@code encoding/json} makes of
 * a Go struct, so reproducing those strings byte for byte needs Go's rules rather than Jackson's: compact output in
 * the order the caller built the object, HTML-safe escaping, and, when reading back, field names matched without
 * regard to case and any type mismatch failing the whole value.
 */
final class GoJson {
  /** Annotation values must be exactly one JSON value, as {@code json.Unmarshal} demands (no trailing data). */
  private static final ObjectMapper READER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final String HEX = "0123456789abcdef";

  private GoJson() {}

  /**
   * An annotation value that does not decode into the Go type it should hold. kube-apiserver's conversion then ignores
   * the annotation (it still removes it), so callers catch this and carry on without the value.
   */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** Parses an annotation value; {@code null} JSON comes back as a NullNode, anything unparsable as Malformed. */
  static JsonNode parse(String text) {
    try {
      JsonNode node = READER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new Malformed("unexpected end of JSON input");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new Malformed(e.getOriginalMessage());
    }
  }

  // ---------------------------------------------------------------- writing

  /** Go's {@code json.Marshal} of a tree built in Go struct field order. */
  static String marshal(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(out, node);
    return out.toString();
  }

  private static void write(StringBuilder out, JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(out, e.getKey());
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, node.get(i));
      }
      out.append(']');
    } else if (node.isTextual()) {
      writeString(out, node.textValue());
    } else if (node.isBigDecimal()) {
      out.append(node.decimalValue().toPlainString());
    } else {
      out.append(node.asText());
    }
  }

  /** encoding/json's string encoder with HTML escaping on, as {@code json.Marshal} always uses (Go 1.22+). */
  private static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', 0x2028, 0x2029 -> unicodeEscape(out, cp);
        default -> {
          if (cp < 0x20) {
            unicodeEscape(out, cp);
          } else if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
            // A lone surrogate is not valid UTF-8; Go writes the replacement character for invalid input.
            out.append("\\ufffd");
          } else {
            out.appendCodePoint(cp);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(StringBuilder out, int cp) {
    out.append("\\u");
    for (int shift = 12; shift >= 0; shift -= 4) {
      out.append(HEX.charAt((cp >> shift) & 0xf));
    }
  }

  /**
   * A {@code metav1.LabelSelector} as Go encodes it: matchLabels (a map, so keys sorted) then matchExpressions, each
   * requirement as key, operator and values, empty collections left out.
   */
  static ObjectNode labelSelector(JsonNode selector) {
    ObjectNode out = object();
    JsonNode labels = selector.path("matchLabels");
    if (labels.isObject() && !labels.isEmpty()) {
      ObjectNode sorted = out.putObject("matchLabels");
      var map = new TreeMap<String, JsonNode>();
      labels.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
      map.forEach(sorted::set);
    }
    JsonNode expressions = selector.path("matchExpressions");
    if (expressions.isArray() && !expressions.isEmpty()) {
      ArrayNode list = out.putArray("matchExpressions");
      for (JsonNode expression : expressions) {
        ObjectNode requirement = list.addObject();
        requirement.set("key", textOrEmpty(expression.get("key")));
        requirement.set("operator", textOrEmpty(expression.get("operator")));
        JsonNode values = expression.path("values");
        if (values.isArray() && !values.isEmpty()) {
          requirement.set("values", values.deepCopy());
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- reading a tree we wrote or stored

  /** A member that is present and not JSON null, else {@code null}. */
  static JsonNode present(JsonNode object, String name) {
    JsonNode value = object == null ? null : object.get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** A copy of a present member, or {@code fallback} (Go's zero value for a non-pointer field). */
  static JsonNode presentOr(JsonNode object, String name, JsonNode fallback) {
    JsonNode value = present(object, name);
    return value == null ? fallback : value.deepCopy();
  }

  static JsonNode textOrEmpty(JsonNode value) {
    return value == null || value.isNull() ? TextNode.valueOf("") : value.deepCopy();
  }

  /** Sets {@code to.name} to a copy of {@code from.name} when that is present (an {@code omitempty} pointer). */
  static void copyPresent(JsonNode from, String name, ObjectNode to, String toName) {
    JsonNode value = present(from, name);
    if (value != null) {
      to.set(toName, value.deepCopy());
    }
  }

  // ---------------------------------------------------------------- decoding annotation JSON the way Go does

  /**
   * The member Go's decoder would assign to the field {@code name}: keys match case-insensitively and a later key
   * overwrites an earlier one. Returns {@code null} when absent or JSON null (Go leaves the field at its zero value).
   */
  static JsonNode member(JsonNode object, String name) {
    JsonNode found = null;
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isNull()) {
        found = e.getValue();
      }
    }
    return found;
  }

  /** A JSON object (or null) where Go expects a struct; anything else fails the whole annotation. */
  static JsonNode struct(JsonNode value, String what) {
    if (value != null && !value.isNull() && !value.isObject()) {
      throw new Malformed(what + " is not an object");
    }
    return value == null || value.isNull() ? null : value;
  }

  /** A JSON array (or null) where Go expects a slice. */
  static JsonNode slice(JsonNode value, String what) {
    if (value != null && !value.isNull() && !value.isArray()) {
      throw new Malformed(what + " is not an array");
    }
    return value == null || value.isNull() ? null : value;
  }

  static JsonNode structMember(JsonNode object, String name) {
    return struct(member(object, name), name);
  }

  static JsonNode sliceMember(JsonNode object, String name) {
    return slice(member(object, name), name);
  }

  /** A string field: {@code null} when absent, Malformed when not a string. */
  static TextNode string(JsonNode object, String name) {
    JsonNode value = member(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw new Malformed(name + " is not a string");
    }
    return (TextNode) value;
  }

  static TextNode stringOrEmpty(JsonNode object, String name) {
    TextNode value = string(object, name);
    return value == null ? TextNode.valueOf("") : value;
  }

  /** An int32 field: {@code null} when absent, Malformed when not an integer in range. */
  static JsonNode int32(JsonNode object, String name) {
    JsonNode value = member(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new Malformed(name + " is not an int32");
    }
    return JsonNodeFactory.instance.numberNode(value.intValue());
  }

  /**
   * A {@code resource.Quantity}: Go accepts a string or a bare number and always writes a string back. The text is
   * kept as given (kube-apiserver would also canonicalise it, e.g. {@code 0.5} to {@code 500m}).
   */
  static TextNode quantity(JsonNode object, String name) {
    JsonNode value = member(object, name);
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      return (TextNode) value;
    }
    if (value.isNumber()) {
      return TextNode.valueOf(value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText());
    }
    throw new Malformed(name + " is not a quantity");
  }

  /** A non-pointer quantity: Go's zero value marshals as {@code "0"}. */
  static TextNode quantityOrZero(JsonNode object, String name) {
    TextNode value = quantity(object, name);
    return value == null ? TextNode.valueOf("0") : value;
  }
}
