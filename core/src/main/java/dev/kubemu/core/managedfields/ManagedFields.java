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
    // json.Marshal of a ManagedFieldsEntry with only these set, in the struct's field order
    StringBuilder id = GoJsonText.appendString(new StringBuilder(96).append("{\"manager\":"), manager);
    GoJsonText.appendString(id.append(",\"operation\":"), operation);
    if (!operation.equals(APPLY) && apiVersion != null && !apiVersion.isEmpty()) {
      GoJsonText.appendString(id.append(",\"apiVersion\":"), apiVersion);
    }
    if (subresource != null && !subresource.isEmpty()) {
      GoJsonText.appendString(id.append(",\"subresource\":"), subresource);
    }
    return id.append('}').toString();
  }

  /** Decodes the entries of an object; throws {@link IllegalArgumentException} when one is malformed. */
  static ManagedFields decode(JsonNode entries) {
    return decode(entries, PathElement::parse);
  }

  /** As {@link #decode(JsonNode)}, parsing path elements with {@code parser}. */
  static ManagedFields decode(JsonNode entries, java.util.function.Function<String, PathElement> parser) {
    return decodeWith(entries, fieldsV1 -> FieldSet.fromFieldsV1(fieldsV1, parser));
  }

  /** As {@link #decode(JsonNode)}, reading each entry's {@code fieldsV1} object with {@code fieldsReader}. */
  static ManagedFields decodeWith(JsonNode entries, java.util.function.Function<JsonNode, FieldSet> fieldsReader) {
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
      FieldSet set = fieldsV1 == null || fieldsV1.isNull() ? new FieldSet() : fieldsReader.apply(fieldsV1);
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
      boolean sameFields = original instanceof ObjectNode && sameFields(decodedSets.get(id), set);
      if (sameFields && decodedSets.get(id).applied() == set.applied() && java.util.Objects.equals(times.get(id),
          original.hasNonNull("time") ? original.get("time").asText() : null)) {
        entries.add((ObjectNode) original);
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
      // a manager that rewrote only fields it owned keeps its fieldsV1 as it was (the usual PUT, every status update)
      JsonNode kept = sameFields ? original.get("fieldsV1") : null;
      e.set("fieldsV1", kept != null && kept.isObject() ? kept : set.set().toFieldsV1());
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

  /** Whether an entry as decoded, {@code decoded} (may be null), owns what {@code now} owns, in the same version. */
  private static boolean sameFields(VersionedSet decoded, VersionedSet now) {
    return decoded != null && decoded.apiVersion().equals(now.apiVersion())
        && (decoded.set() == now.set() || decoded.set().equals(now.set()));
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
