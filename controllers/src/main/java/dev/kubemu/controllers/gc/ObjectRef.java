package dev.kubemu.controllers.gc;

import dev.kubemu.core.registry.ResourceType;

/** One object of any type: what the garbage collector queues and indexes. */
record ObjectRef(ResourceType type, String namespace, String name) {
  @Override
  public String toString() {
    return type.groupResource() + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
  }
}
