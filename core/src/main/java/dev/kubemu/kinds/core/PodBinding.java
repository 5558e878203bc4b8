package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.WriteResult;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;

/**
 * The {@code pods/binding} subresource: assigns a pod to a node once, and records the PodScheduled condition, as
 * kube-apiserver's BindingREST does. The scheduler binds through it too.
 */
public final class PodBinding {
  private PodBinding() {}

  /** Binds {@code namespace/podName} to {@code nodeName}; 409 if the pod is already bound or being deleted. */
  public static WriteResult bind(ResourceOperations operations, String namespace, String podName, String nodeName,
      RequestContext request) {
    ResourceType pods = operations.registry().find("", "v1", "pods").orElseThrow();
    if (nodeName == null || nodeName.isEmpty()) {
      throw ApiErrors.invalidRequest("target.name: Required value");
    }
    StoredObject current = operations.get(pods, namespace, podName);
    JsonNode pod = operations.storageTree(current);
    if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
      throw ApiErrors.conflict(pods.groupResource(), podName, "pod " + podName + " is being deleted, cannot be "
          + "assigned to a host");
    }
    String existing = pod.path("spec").path("nodeName").asText("");
    if (!existing.isEmpty()) {
      throw ApiErrors.conflict(pods.groupResource(), podName, "pod " + podName + " is already assigned to node \""
          + existing + "\"");
    }
    ObjectNode next = (ObjectNode) pod.deepCopy();
    ((ObjectNode) next.get("spec")).put("nodeName", nodeName);
    Pods.setCondition(next, "PodScheduled", "True", null, null, Timestamps.format(operations.clock().now()));
    return operations.updateStored(pods, current, next, request, Target.WHOLE);
  }
}
