package dev.kubemu.core.patch;

import dev.kubemu.core.schema.Field;
import dev.kubemu.core.schema.Schema;

/**
 * How a strategic merge patch treats one position of an object, read from the kind's schema (the
 * {@code patchStrategy} and {@code patchMergeKey} of the Go field there): lists are replaced unless their strategy says
 * merge, maps always merge. Positions the schema does not describe use {@link #EMPTY}. Immutable.
 */
public final class PatchMeta {
  /** No metadata: maps merge, lists are replaced. */
  public static final PatchMeta EMPTY = new PatchMeta(null, null);

  private final Field field;
  private final Schema schema;

  private PatchMeta(Field field, Schema schema) {
    this.field = field;
    this.schema = schema;
  }

  /** The metadata of an object whose schema is {@code root}. */
  public static PatchMeta of(Schema root) {
    return root == null ? EMPTY : new PatchMeta(null, root);
  }

  /** Metadata of a field of the object at this position (of list items, for lists; of values, for maps). */
  public PatchMeta field(String name) {
    Schema object = schema;
    while (object != null && (object.type() == Schema.Type.ARRAY || object.type() == Schema.Type.MAP)) {
      if (object.type() == Schema.Type.MAP) {
        return new PatchMeta(null, object.element());
      }
      object = object.element();
    }
    if (object == null || object.type() != Schema.Type.OBJECT) {
      return EMPTY;
    }
    Field child = object.field(name);
    return child == null ? EMPTY : new PatchMeta(child, child.schema());
  }

  /** Whether this position is a list merged by {@link #mergeKey()} (or, without a key, a set of primitives). */
  public boolean mergesList() {
    return field != null && field.mergesList();
  }

  /** The merge key of a merged list of objects, or null for primitive sets. */
  public String mergeKey() {
    return field == null ? null : field.patchMergeKey();
  }

  /** Whether {@code $retainKeys} applies (the {@code retainKeys} strategy). */
  public boolean retainKeys() {
    return field != null && field.retainsKeys();
  }
}
