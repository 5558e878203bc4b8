package dev.kubemu.apiserver.openapi;

import dev.kubemu.core.registry.GroupVersionKind;

/** The OpenAPI definition names kube-apiserver uses, e.g. {@code io.k8s.api.apps.v1.Deployment}. */
final class SchemaNames {
  private SchemaNames() {}

  static String of(GroupVersionKind gvk) {
    String group = gvk.group();
    String pkg;
    if (group.isEmpty()) {
      pkg = "core";
    } else if (group.endsWith(".k8s.io")) {
      pkg = group.substring(0, group.length() - ".k8s.io".length());
    } else {
      pkg = group;
    }
    return "io.k8s.api." + pkg + "." + gvk.version() + "." + gvk.kind();
  }
}
