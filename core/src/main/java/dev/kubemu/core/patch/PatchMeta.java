package dev.kubemu.core.patch;

import java.util.HashMap;
import java.util.Map;

/**
 * How a strategic merge patch treats one position of an object (the {@code patchStrategy} and
 * {@code patchMergeKey} tags of the Go types): lists are replaced unless their strategy says merge, maps always
 * merge. Immutable once built; positions without metadata use {@link #EMPTY}.
 */
public final class PatchMeta {
  /** No metadata: maps merge, lists are replaced. */
  public static final PatchMeta EMPTY = new PatchMeta(Map.of(), null, false, false);

  private final Map<String, PatchMeta> fields;
  private final String mergeKey;
  private final boolean mergeList;
  private final boolean retainKeys;

  private PatchMeta(Map<String, PatchMeta> fields, String mergeKey, boolean mergeList, boolean retainKeys) {
    this.fields = fields;
    this.mergeKey = mergeKey;
    this.mergeList = mergeList;
    this.retainKeys = retainKeys;
  }

  /** Metadata of a field of the object at this position (of list items, for lists). */
  public PatchMeta field(String name) {
    return fields.getOrDefault(name, EMPTY);
  }

  /** Whether this position is a list merged by {@link #mergeKey()} (or, without a key, a set of primitives). */
  public boolean mergesList() {
    return mergeList;
  }

  /** The merge key of a merged list of objects, or null for primitive sets. */
  public String mergeKey() {
    return mergeKey;
  }

  /** Whether {@code $retainKeys} applies (the {@code retainKeys} strategy). */
  public boolean retainKeys() {
    return retainKeys;
  }

  public static Builder object() {
    return new Builder(null, false, false);
  }

  /** A list of objects merged by {@code key}; {@code items} describes the items. */
  public static Builder list(String key) {
    return new Builder(key, true, false);
  }

  /** A list of primitives merged as a set (e.g. finalizers). */
  public static PatchMeta primitiveSet() {
    return new PatchMeta(Map.of(), null, true, false);
  }

  /** Builds {@link PatchMeta}. */
  public static final class Builder {
    private final Map<String, PatchMeta> fields = new HashMap<>();
    private final String mergeKey;
    private final boolean mergeList;
    private boolean retainKeys;

    private Builder(String mergeKey, boolean mergeList, boolean retainKeys) {
      this.mergeKey = mergeKey;
      this.mergeList = mergeList;
      this.retainKeys = retainKeys;
    }

    public Builder field(String name, PatchMeta meta) {
      fields.put(name, meta);
      return this;
    }

    public Builder field(String name, Builder meta) {
      return field(name, meta.build());
    }

    public Builder retainKeys() {
      this.retainKeys = true;
      return this;
    }

    public PatchMeta build() {
      return new PatchMeta(Map.copyOf(fields), mergeKey, mergeList, retainKeys);
    }
  }
}
