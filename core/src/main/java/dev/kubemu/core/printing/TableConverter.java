package dev.kubemu.core.printing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import java.time.Instant;
import java.util.List;

/**
 * Builds {@code meta.k8s.io/v1 Table} objects from printer columns, as kube-apiserver answers
 * {@code Accept: application/json;as=Table;g=meta.k8s.io;v=v1}.
 */
public final class TableConverter {
  /** What {@code rows[].object} carries ({@code includeObject}). */
  public enum IncludeObject {
    NONE, METADATA, OBJECT;

    /** Parses the query parameter; absent means Metadata, as on kube-apiserver. */
    public static IncludeObject parse(String value) {
      if (value == null || value.isEmpty()) {
        return METADATA;
      }
      return switch (value) {
        case "None" -> NONE;
        case "Object" -> OBJECT;
        case "Metadata" -> METADATA;
        default -> throw new IllegalArgumentException("unsupported includeObject value: \"" + value + "\"");
      };
    }
  }

  private TableConverter() {}

  /** An empty Table with its column definitions (or without, for watch events after the first). */
  public static ObjectNode table(List<PrinterColumn> columns, boolean withColumnDefinitions) {
    ObjectNode table = Json.object();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata");
    ArrayNode defs = table.putArray("columnDefinitions");
    if (withColumnDefinitions) {
      for (PrinterColumn c : columns) {
        ObjectNode def = defs.addObject();
        def.put("name", c.name());
        def.put("type", c.type());
        def.put("format", c.format());
        def.put("description", c.description());
        def.put("priority", c.priority());
      }
    }
    table.putArray("rows");
    return table;
  }

  /**
   * Adds one row.
   *
   * @param printed  the object in the shape the cell functions read (storage version)
   * @param returned the object as the client asked for it (for {@code includeObject=Object}/Metadata)
   */
  public static void addRow(ObjectNode table, List<PrinterColumn> columns, JsonNode printed, JsonNode returned,
      IncludeObject include, Instant now) {
    ObjectNode row = ((ArrayNode) table.get("rows")).addObject();
    ArrayNode cells = row.putArray("cells");
    for (PrinterColumn c : columns) {
      Object value = c.cell().cell(printed, now);
      if (value instanceof Integer i) {
        cells.add(i);
      } else if (value instanceof Long l) {
        cells.add(l);
      } else if (value instanceof Boolean b) {
        cells.add(b);
      } else if (value instanceof Double d) {
        cells.add(d);
      } else if (value == null) {
        cells.addNull();
      } else {
        cells.add(value.toString());
      }
    }
    switch (include) {
      case NONE -> { }
      case OBJECT -> row.set("object", returned);
      case METADATA -> {
        ObjectNode partial = row.putObject("object");
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", returned.path("metadata").deepCopy());
      }
    }
  }
}
