package dev.kubemu.core.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable set of resource types one emulator serves, in discovery order (groups in registration order,
 * resources alphabetical within a group version, as kube-apiserver lists them).
 */
public final class ResourceRegistry {
  private final List<ResourceType> types;
  private final Map<String, ResourceType> byGroupVersionResource = new LinkedHashMap<>();
  private final Map<String, ResourceType> byGroupKind = new LinkedHashMap<>();
  private final List<String> groups;

  private ResourceRegistry(List<ResourceType> types) {
    this.types = List.copyOf(types);
    var groupOrder = new ArrayList<String>();
    for (ResourceType type : types) {
      if (!groupOrder.contains(type.group())) {
        groupOrder.add(type.group());
      }
      for (ServedVersion v : type.versions()) {
        String key = type.group() + "/" + v.version() + "/" + type.plural();
        if (byGroupVersionResource.putIfAbsent(key, type) != null) {
          throw new IllegalStateException("resource " + key + " registered twice");
        }
      }
      byGroupKind.putIfAbsent(type.group() + "/" + type.kind(), type);
    }
    this.groups = List.copyOf(groupOrder);
  }

  /** Builds a registry; fails on duplicate group/version/resource triples. */
  public static ResourceRegistry of(List<ResourceType> types) {
    return new ResourceRegistry(types);
  }

  public List<ResourceType> all() {
    return types;
  }

  /** API groups in registration order; the core group is {@code ""}. */
  public List<String> groups() {
    return groups;
  }

  public Optional<ResourceType> find(String group, String version, String plural) {
    return Optional.ofNullable(byGroupVersionResource.get(group + "/" + version + "/" + plural));
  }

  public Optional<ResourceType> findByKind(String group, String kind) {
    return Optional.ofNullable(byGroupKind.get(group + "/" + kind));
  }

  /** Served versions of a group, preferred first (the order of the first type that lists them). */
  public List<String> versionsOf(String group) {
    var versions = new ArrayList<String>();
    for (ResourceType type : types) {
      if (type.group().equals(group)) {
        for (ServedVersion v : type.versions()) {
          if (!versions.contains(v.version())) {
            versions.add(v.version());
          }
        }
      }
    }
    return Collections.unmodifiableList(versions);
  }

  /** Resource types served in one group version, sorted by plural name as kube-apiserver lists them. */
  public List<ResourceType> typesIn(String group, String version) {
    return types.stream()
        .filter(t -> t.group().equals(group) && t.version(version).isPresent())
        .sorted((a, b) -> a.plural().compareTo(b.plural()))
        .toList();
  }
}
