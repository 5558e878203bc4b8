package dev.kubemu.core.schema;

import java.util.List;

/**
 * One field of an object schema with the markers of its Go declaration: whether OpenAPI lists it as required, how
 * lists and maps merge in server-side apply ({@code listType}, {@code listMapKeys}, {@code mapType}) and in strategic
 * merge patches ({@code patchStrategy}, {@code patchMergeKey}).
 *
 * @param goType        the Go type as encoding/json names it in errors ({@code int32}, {@code v1.ResourceList})
 * @param listType      {@code atomic}, {@code set} or {@code map}, or null when the declaration says nothing
 * @param listMapKeys   the keys of a {@code map} list
 * @param patchStrategy e.g. {@code merge}, {@code retainKeys}, {@code merge,retainKeys}; null for none
 * @param mapType       {@code atomic} or {@code granular} for maps and structs, or null
 * @param defaultValue  the {@code +default} of the declaration as JSON text ({@code "TCP"}, {@code 1}), or null
 * @param pointer       whether the Go field is a pointer (absent means nil, not the zero value)
 * @param omitEmpty     whether its JSON tag says {@code omitempty}
 */
public record Field(String name, Schema schema, String goType, boolean required, String listType,
    List<String> listMapKeys, String patchStrategy, String patchMergeKey, String mapType, String defaultValue,
    boolean pointer, boolean omitEmpty) {
  public Field {
    listMapKeys = List.copyOf(listMapKeys);
  }

  /** Whether a strategic merge patch merges this list (rather than replacing it). */
  public boolean mergesList() {
    return patchStrategy != null && List.of(patchStrategy.split(",")).contains("merge");
  }

  /** Whether the {@code retainKeys} strategy applies to this field. */
  public boolean retainsKeys() {
    return patchStrategy != null && List.of(patchStrategy.split(",")).contains("retainKeys");
  }
}
