package dev.kubemu.core.patch;

/** Placeholder until the strategic-merge-patch engine lands: positions without patch metadata. */
public interface PatchMeta {
  PatchMeta EMPTY = new PatchMeta() {};
}
