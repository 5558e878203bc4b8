package dev.kubemu.apiserver.http;

import dev.kubemu.core.registry.ResourceType;

/**
 * What a resource URL addresses.
 *
 * @param type        the resource type
 * @param version     the API version in the URL
 * @param namespace   the namespace in the URL, or null (cluster-scoped, or a list across namespaces)
 * @param name        the object name, or null for the collection
 * @param subresource the subresource, or null
 */
record RequestTarget(ResourceType type, String version, String namespace, String name, String subresource) {
  boolean collection() {
    return name == null;
  }
}
