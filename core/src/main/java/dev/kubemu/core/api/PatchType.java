package dev.kubemu.core.api;

import java.util.Optional;

/** The patch formats kube-apiserver accepts, by Content-Type. */
public enum PatchType {
  JSON("application/json-patch+json"),
  MERGE("application/merge-patch+json"),
  STRATEGIC("application/strategic-merge-patch+json"),
  APPLY_YAML("application/apply-patch+yaml");

  private final String mediaType;

  PatchType(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  public static Optional<PatchType> fromMediaType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String bare = contentType.split(";", 2)[0].trim();
    for (PatchType t : values()) {
      if (t.mediaType.equalsIgnoreCase(bare)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
