package dev.kubemu.core.printing;

import java.util.Objects;

/**
 * One server-side printer column ({@code meta.k8s.io/v1 TableColumnDefinition}) plus the function that fills it.
 *
 * @param name        column name as kube-apiserver spells it (kubectl upper-cases it for the header)
 * @param type        OpenAPI type: {@code string}, {@code integer}, {@code number}, {@code boolean} or {@code date}
 * @param format      {@code name} for the Name column (kubectl uses it for {@code kind/name} prefixes), else empty
 * @param priority    0 for default output; greater than 0 only with {@code -o wide}
 * @param description one short sentence, in kubemu's own words, on what the column shows (clients may display it;
 *                    kubectl does not print it)
 * @param cell        computes the cell value
 */
public record PrinterColumn(String name, String type, String format, int priority, String description, CellFunction cell) {
  public PrinterColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    format = format == null ? "" : format;
    description = description == null ? "" : description;
    Objects.requireNonNull(cell, "cell");
  }

  /** A default-priority column. */
  public static PrinterColumn of(String name, String type, String description, CellFunction cell) {
    return new PrinterColumn(name, type, "", 0, description, cell);
  }

  /** A column shown only with {@code -o wide}. */
  public static PrinterColumn wide(String name, String type, String description, CellFunction cell) {
    return new PrinterColumn(name, type, "", 1, description, cell);
  }

  /** The Name column every kind starts with ({@code format: name}). */
  public static PrinterColumn nameColumn() {
    return new PrinterColumn("Name", "string", "name", 0,
        "The object's name.",
        (obj, now) -> obj.path("metadata").path("name").asText(""));
  }
}
