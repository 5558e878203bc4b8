package dev.kubemu.controllers.namespace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The status conditions a terminating namespace shows, computed from what is left in it. Pure: the same remaining
 * content and time always give the same conditions.
 */
final class NamespaceConditions {
  private NamespaceConditions() {}

  /**
   * @param remaining          resource (plural.group) → objects still present
   * @param withFinalizers     finalizer name → objects still carrying it
   * @param transitionTime     timestamp for the conditions
   */
  static ArrayNode of(Map<String, Integer> remaining, Map<String, Integer> withFinalizers, String transitionTime) {
    ArrayNode conditions = Json.array();
    add(conditions, "NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered",
        "All resources successfully discovered", transitionTime);
    add(conditions, "NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions",
        "All legacy kube types successfully parsed", transitionTime);
    add(conditions, "NamespaceDeletionContentFailure", "False", "ContentDeleted",
        "All content successfully deleted, may be waiting on finalization", transitionTime);
    if (remaining.isEmpty()) {
      add(conditions, "NamespaceContentRemaining", "False", "ContentRemoved", "All content successfully removed",
          transitionTime);
    } else {
      add(conditions, "NamespaceContentRemaining", "True", "SomeResourcesRemain", "Some resources are remaining: "
          + new TreeMap<>(remaining).entrySet().stream().map(e -> e.getKey() + " has " + e.getValue()
          + " resource instances").collect(Collectors.joining(", ")), transitionTime);
    }
    if (withFinalizers.isEmpty()) {
      add(conditions, "NamespaceFinalizersRemaining", "False", "ContentHasNoFinalizers",
          "All content-preserving finalizers finished", transitionTime);
    } else {
      add(conditions, "NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain",
          "Some content in the namespace has finalizers remaining: " + new TreeMap<>(withFinalizers).entrySet()
              .stream().map(e -> e.getKey() + " in " + e.getValue() + " resource instances")
              .collect(Collectors.joining(", ")), transitionTime);
    }
    return conditions;
  }

  private static void add(ArrayNode conditions, String type, String status, String reason, String message,
      String time) {
    ObjectNode c = conditions.addObject();
    c.put("type", type);
    c.put("status", status);
    c.put("lastTransitionTime", time);
    c.put("reason", reason);
    c.put("message", message);
  }
}
