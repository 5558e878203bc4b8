package dev.kubemu.core.registry;

/**
 * Where a scalable kind keeps its replica counts, so the {@code /scale} subresource is a two-way view over it.
 * Paths are JSON Pointers into the stored object.
 */
public record ScaleSpec(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {
  public static ScaleSpec standard() {
    return new ScaleSpec("/spec/replicas", "/status/replicas", "/spec/selector");
  }
}
