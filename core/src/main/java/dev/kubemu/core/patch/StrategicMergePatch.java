package dev.kubemu.core.patch;

import com.fasterxml.jackson.databind.JsonNode;

/** Placeholder until the strategic-merge-patch engine lands. */
public final class StrategicMergePatch {
  private StrategicMergePatch() {}

  public static JsonNode apply(JsonNode original, JsonNode patch, PatchMeta meta) {
    return MergePatch.apply(original, patch);
  }
}
