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

  /** Called on update of the main resource or a subresource, before validation. */
  default void admitUpdate(ResourceType type, ObjectNode object, ObjectNode old, WriteContext ctx) {}
}
