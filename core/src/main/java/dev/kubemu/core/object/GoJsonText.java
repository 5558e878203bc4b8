package dev.kubemu.core.object;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** JSON text exactly as Go's {@code encoding/json} writes it, for messages and annotations that embed Go's output. */
public final class GoJsonText {
  private static final String HEX = "0123456789abcdef";

  private GoJsonText() {}

  /**
   * Go's {@code json.Marshal} of {@code node}: compact, HTML-safe string escaping; object members in the tree's order
   * (a Go struct), or sorted by key when {@code sortKeys} (a Go map).
   */
  public static String marshal(JsonNode node, boolean sortKeys) {
    StringBuilder out = new StringBuilder();
    write(out, node, sortKeys);
    return out.toString();
  }


  private static void write(StringBuilder out, JsonNode node, boolean sortKeys) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isObject()) {
      out.append('{');
      boolean first = true;
      var entries = new java.util.ArrayList<>(node.properties());
      if (sortKeys) {
        entries.sort(Map.Entry.comparingByKey());
      }
      for (Map.Entry<String, JsonNode> e : entries) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(out, e.getKey());
        out.append(':');
        write(out, e.getValue(), sortKeys);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, node.get(i), sortKeys);
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

  /** Go's {@code json.Marshal} of a string, appended to {@code out}. */
  public static StringBuilder appendString(StringBuilder out, String s) {
    writeString(out, s);
    return out;
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

}
