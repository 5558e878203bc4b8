package dev.kubemu.core.registry;

import java.util.List;

/**
 * A subresource as discovery lists it ({@code status}, {@code scale}, {@code log}, {@code binding}, {@code eviction}).
 *
 * @param name         the path segment
 * @param responseKind the kind the subresource answers with (Scale is {@code autoscaling/v1 Scale}); null means the
 *                     parent's kind
 * @param verbs        the verbs discovery advertises
 */
public record Subresource(String name, GroupVersionKind responseKind, List<String> verbs) {
  public static final List<String> GET_PATCH_UPDATE = List.of("get", "patch", "update");

  public static Subresource status() {
    return new Subresource("status", null, GET_PATCH_UPDATE);
  }

  public static Subresource scale() {
    return new Subresource("scale", new GroupVersionKind("autoscaling", "v1", "Scale"), GET_PATCH_UPDATE);
  }
}
