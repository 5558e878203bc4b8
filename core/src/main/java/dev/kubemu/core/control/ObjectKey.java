package dev.kubemu.core.control;

/** Names one object: {@code namespace/name}, with an empty namespace for cluster-scoped objects. */
public record ObjectKey(String namespace, String name) {
  @Override
  public String toString() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
