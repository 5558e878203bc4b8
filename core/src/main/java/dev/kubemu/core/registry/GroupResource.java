package dev.kubemu.core.registry;

/** A resource within an API group; prints as {@code deployments.apps}, or {@code pods} for the core group. */
public record GroupResource(String group, String resource) {
  @Override
  public String toString() {
    return group.isEmpty() ? resource : resource + "." + group;
  }
}
