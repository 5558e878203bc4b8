package dev.kubemu.apiserver.http;

import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.registry.ResourceRegistry;
import dev.kubemu.core.registry.ResourceType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Turns {@code /api/v1/...} and {@code /apis/<group>/<version>/...} paths into {@link RequestTarget}s, following
 * kube-apiserver's request-info rules (including the namespace subresources {@code status} and {@code finalize}).
 */
final class RequestTargetParser {
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");
  private final ResourceRegistry registry;

  RequestTargetParser(ResourceRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param group    the group ("" for /api)
   * @param version  the version segment
   * @param rest     the path after the group version, without leading slash
   */
  RequestTarget parse(String group, String version, String rest) {
    List<String> parts = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
    String namespace = null;
    if (parts.size() > 1 && parts.get(0).equals("namespaces")) {
      if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
        namespace = parts.get(1);
        parts = parts.subList(2, parts.size());
      }
    }
    if (parts.isEmpty() || parts.size() > 3) {
      throw ApiErrors.notFoundPath();
    }
    ResourceType type = registry.find(group, version, parts.get(0)).orElseThrow(ApiErrors::notFoundPath);
    String name = parts.size() > 1 ? parts.get(1) : null;
    String sub = parts.size() > 2 ? parts.get(2) : null;
    if (type.namespaced() && namespace == null && name != null) {
      throw ApiErrors.notFoundPath();
    }
    if (!type.namespaced() && namespace != null) {
      throw ApiErrors.notFoundPath();
    }
    if (sub != null && type.subresource(sub).isEmpty()) {
      throw ApiErrors.notFoundPath();
    }
    return new RequestTarget(type, version, namespace, name, sub);
  }
}
