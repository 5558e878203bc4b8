package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;

/**
 * The {@code namespaces/finalize} subresource: replaces {@code spec.finalizers}; a terminating namespace whose last
 * finalizer goes is removed.
 */
public final class NamespaceFinalize {
  private NamespaceFinalize() {}

  public static ObjectNode finalize(ResourceOperations operations, String name, JsonNode body, RequestContext request) {
    ResourceType namespaces = operations.registry().find("", "v1", "namespaces").orElseThrow();
    StoredObject current = operations.get(namespaces, null, name);
    ObjectNode next = (ObjectNode) operations.storageTree(current).deepCopy();
    ObjectNode spec = next.get("spec") instanceof ObjectNode s ? s : next.putObject("spec");
    JsonNode finalizers = body.path("spec").path("finalizers");
    spec.set("finalizers", finalizers.isArray() ? finalizers.deepCopy() : Json.array());
    ObjectNode result = operations.updateStored(namespaces, current, next, request, Target.WHOLE).object();
    boolean deleting = next.path("metadata").hasNonNull("deletionTimestamp");
    if (deleting && spec.path("finalizers").isEmpty() && !request.dryRun()) {
      return operations.delete(namespaces, "v1", null, name, DeleteOptions.defaults(), request).object();
    }
    return result;
  }
}
