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
import dev.kubemu.core.object.GoJsonText;
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
    return GoJsonText.marshal(node, false);
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
