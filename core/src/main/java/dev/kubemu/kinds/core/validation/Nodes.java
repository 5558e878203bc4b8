package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Small reads of decoded JSON objects, where an absent field and a JSON null both mean Go's zero value. */
final class Nodes {
  private Nodes() {}

  /** The string field, or "" when absent or null. */
  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? "" : v.asText("");
  }

  /** Whether the field is present and not null (a non-nil Go pointer). */
  static boolean has(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v != null && !v.isNull() && !v.isMissingNode();
  }

  /** The field, or null when absent or JSON null. */
  static JsonNode get(JsonNode node, String field) {
    return has(node, field) ? node.get(field) : null;
  }

  /** The number field, or {@code fallback} when absent. */
  static long number(JsonNode node, String field, long fallback) {
    return has(node, field) ? node.get(field).asLong() : fallback;
  }
}
