package dev.kubemu.core.registry;

import com.fasterxml.jackson.databind.JsonNode;

/** Identifies a kind in one API version. */
public record GroupVersionKind(String group, String version, String kind) {
  /** {@code apps/v1}, or {@code v1} for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** Parses an {@code apiVersion} string and a kind. */
  public static GroupVersionKind of(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? new GroupVersionKind("", apiVersion, kind)
        : new GroupVersionKind(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
  }

  /**
   * The kind an object says it is, read as kube-apiserver reads an unstructured object: {@code apiVersion} and
   * {@code kind} members that are not strings count as empty, and an apiVersion with more than one slash makes the
   * whole GroupVersionKind empty.
   */
  public static GroupVersionKind ofObject(JsonNode object) {
    JsonNode apiVersion = object.path("apiVersion");
    JsonNode kind = object.path("kind");
    String v = apiVersion.isTextual() ? apiVersion.asText() : "";
    if (v.chars().filter(c -> c == '/').count() > 1) {
      return new GroupVersionKind("", "", "");
    }
    return v.equals("/") ? new GroupVersionKind("", "", kind.isTextual() ? kind.asText() : "")
        : of(v, kind.isTextual() ? kind.asText() : "");
  }

  /** As Go prints a GroupVersionKind: {@code apps/v1, Kind=Deployment}, {@code /v1, Kind=Service}. */
  public String goString() {
    return group + "/" + version + ", Kind=" + kind;
  }
}
