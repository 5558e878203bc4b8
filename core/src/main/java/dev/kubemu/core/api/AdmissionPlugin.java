package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.registry.ResourceType;

/**
 * A step every create (and update) passes through before validation, like kube-apiserver's admission chain: it may
 * reject the write by throwing an {@link dev.kubemu.core.errors.ApiException} or mutate {@code object}.
 */
public interface AdmissionPlugin {
  /** Called on create, after the strategy's prepare step and before defaulting. */
  default void admitCreate(ResourceType type, ObjectNode object, WriteContext ctx) {}

  /**
   * Called on update of the main resource or a subresource, before validation. {@code old} is the stored revision's
   * shared tree: read it, never change it, and copy any part of it that moves into {@code object}.
   */
  default void admitUpdate(ResourceType type, ObjectNode object, ObjectNode old, WriteContext ctx) {}
}
