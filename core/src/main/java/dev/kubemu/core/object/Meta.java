package dev.kubemu.core.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Read and write accessors for {@code metadata} on Jackson object trees. Reads never create nodes. */
public final class Meta {
  private Meta() {}

  public static JsonNode meta(JsonNode obj) {
    return obj.path("metadata");
  }

  /** The {@code metadata} object, created if absent. */
  public static ObjectNode metaForWrite(ObjectNode obj) {
    JsonNode m = obj.get("metadata");
    if (m instanceof ObjectNode om) {
      return om;
    }
    return obj.putObject("metadata");
  }

  public static String name(JsonNode obj) {
    return text(meta(obj), "name");
  }

  public static String namespace(JsonNode obj) {
    return text(meta(obj), "namespace");
  }

  public static String uid(JsonNode obj) {
    return text(meta(obj), "uid");
  }

  public static String resourceVersion(JsonNode obj) {
    return text(meta(obj), "resourceVersion");
  }

  /** Whether {@code metadata.finalizers} lists {@code finalizer}. */
  public static boolean hasFinalizer(JsonNode obj, String finalizer) {
    for (JsonNode f : meta(obj).path("finalizers")) {
      if (f.asText().equals(finalizer)) {
        return true;
      }
    }
    return false;
  }

  public static boolean deleting(JsonNode obj) {
    JsonNode ts = meta(obj).get("deletionTimestamp");
    return ts != null && !ts.isNull();
  }

  /** Labels as an ordered map; empty when absent. */
  public static Map<String, String> labels(JsonNode obj) {
    return stringMap(meta(obj).path("labels"));
  }

  public static Map<String, String> stringMap(JsonNode node) {
    var map = new LinkedHashMap<String, String>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  /** A text field or {@code ""}. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }
}
