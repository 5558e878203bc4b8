package dev.kubemu.core.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.GoJsonText;
import dev.kubemu.core.object.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code metadata.managedFields} of an object, decoded: manager identifiers (the JSON of the entry's manager,
 * operation, apiVersion for updaters, and subresource, as kube-apiserver builds them) mapped to the fields they own,
 * and when each last wrote.
 */
final class ManagedFields {
  static final String APPLY = "Apply";
  static final String UPDATE = "Update";

  final Map<String, VersionedSet> fields = new LinkedHashMap<>();
  final Map<String, String> times = new LinkedHashMap<>();
  /** The entries as decoded, reused by {@link #encode} for managers whose fields and time did not change. */
  private final Map<String, JsonNode> decodedEntries = new LinkedHashMap<>();
  private final Map<String, VersionedSet> decodedSets = new LinkedHashMap<>();

  /** The identifier kube-apiserver keys a manager by. */
  static String identifier(String manager, String operation, String apiVersion, String subresource) {
    ObjectNode id = Json.object();
    id.put("manager", manager);
    id.put("operation", operation);
    if (!operation.equals(APPLY) && apiVersion != null && !apiVersion.isEmpty()) {
      id.put("apiVersion", apiVersion);
    }
    if (subresource != null && !subresource.isEmpty()) {
      id.put("subresource", subresource);
    }
    return GoJsonText.marshal(id, false);
  }

  /** Decodes the entries of an object; throws {@link IllegalArgumentException} when one is malformed. */
  static ManagedFields decode(JsonNode entries) {
    return decode(entries, PathElement::parse);
  }

  /** As {@link #decode(JsonNode)}, parsing path elements with {@code parser}. */
  static ManagedFields decode(JsonNode entries, java.util.function.Function<String, PathElement> parser) {
    ManagedFields managed = new ManagedFields();
    if (entries == null || entries.isNull()) {
      return managed;
    }
    if (!entries.isArray()) {
      throw new IllegalArgumentException("managedFields must be a list");
    }
    for (JsonNode e : entries) {
      String operation = e.path("operation").asText("");
      if (!operation.equals(APPLY) && !operation.equals(UPDATE)) {
        throw new IllegalArgumentException("operation must be Apply or Update, not " + operation);
      }
      if (e.path("apiVersion").asText("").isEmpty()) {
        throw new IllegalArgumentException("apiVersion must not be empty");
      }
      if (!e.path("fieldsType").asText("").equals("FieldsV1")) {
        throw new IllegalArgumentException("unsupported fieldsType " + e.path("fieldsType").asText(""));
      }
      String id = identifier(e.path("manager").asText(""), operation, e.path("apiVersion").asText(""),
          e.path("subresource").asText(""));
      // an entry without fieldsV1 owns nothing (kube-apiserver reads it as {})
      JsonNode fieldsV1 = e.get("fieldsV1");
      FieldSet set = fieldsV1 == null || fieldsV1.isNull() ? new FieldSet() : FieldSet.fromFieldsV1(fieldsV1, parser);
      VersionedSet vs = new VersionedSet(set, e.path("apiVersion").asText(""), operation.equals(APPLY));
      managed.fields.put(id, vs);
      managed.decodedEntries.put(id, e);
      managed.decodedSets.put(id, vs);
      if (e.hasNonNull("time")) {
        managed.times.put(id, e.get("time").asText());
      }
    }
    return managed;
  }

  /** The entries, sorted as kube-apiserver sorts them (operation, time, manager, apiVersion, subresource). */
  ArrayNode encode() {
    var entries = new ArrayList<ObjectNode>();
    fields.forEach((id, set) -> {
      JsonNode original = decodedEntries.get(id);
      if (original instanceof ObjectNode o && decodedSets.get(id) == set
          && java.util.Objects.equals(times.get(id), o.hasNonNull("time") ? o.get("time").asText() : null)) {
        entries.add(o);
        return;
      }
      JsonNode parsed = parse(id);
      ObjectNode e = Json.object();
      e.put("manager", parsed.path("manager").asText());
      e.put("operation", set.applied() ? APPLY : parsed.path("operation").asText());
      e.put("apiVersion", set.apiVersion());
      if (times.containsKey(id)) {
        e.put("time", times.get(id));
      }
      e.put("fieldsType", "FieldsV1");
      e.set("fieldsV1", set.set().toFieldsV1());
      if (parsed.hasNonNull("subresource")) {
        e.put("subresource", parsed.get("subresource").asText());
      }
      entries.add(e);
    });
    entries.sort(Comparator.<ObjectNode, String>comparing(e -> e.path("operation").asText())
        .thenComparing(e -> e.path("time").asText(""))
        .thenComparing(e -> e.path("manager").asText())
        .thenComparing(e -> e.path("apiVersion").asText())
        .thenComparing(e -> e.path("subresource").asText("")));
    ArrayNode out = Json.array();
    entries.forEach(out::add);
    return out;
  }

  private static JsonNode parse(String id) {
    try {
      return Json.MAPPER.readTree(id);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("manager identifiers are JSON: " + id, e);
    }
  }

  boolean isEmpty() {
    return fields.isEmpty();
  }

  /** Drops the times of managers that own nothing any more. */
  void dropStaleTimes() {
    times.keySet().retainAll(fields.keySet());
  }

}
