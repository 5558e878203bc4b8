package dev.kubemu.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * nodeSelector and required node affinity: every nodeSelector pair must match the node's labels, and at least one
 * nodeSelectorTerm (its expressions ANDed) must match.
 */
final class NodeAffinity {
  private NodeAffinity() {}

  static boolean matches(JsonNode pod, JsonNode node) {
    Map<String, String> labels = Filters.labels(node);
    var it = pod.path("spec").path("nodeSelector").fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    JsonNode terms = pod.path("spec").path("affinity").path("nodeAffinity")
        .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
    if (!terms.isArray() || terms.isEmpty()) {
      return true;
    }
    for (JsonNode term : terms) {
      if (termMatches(term, labels, node.path("metadata").path("name").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a PersistentVolume's required node affinity admits the node (kube's {@code CheckNodeAffinity}): a volume
   * without one can be used anywhere; otherwise one of its node selector terms must match.
   */
  static boolean volumeAllows(JsonNode volume, JsonNode node) {
    JsonNode required = volume.path("spec").path("nodeAffinity").path("required");
    if (!required.isObject()) {
      return true;
    }
    Map<String, String> labels = Filters.labels(node);
    for (JsonNode term : required.path("nodeSelectorTerms")) {
      if (termMatches(term, labels, node.path("metadata").path("name").asText())) {
        return true;
      }
    }
    return false;
  }

  private static boolean termMatches(JsonNode term, Map<String, String> labels, String nodeName) {
    if (term.path("matchExpressions").isEmpty() && term.path("matchFields").isEmpty()) {
      return false;
    }
    for (JsonNode expr : term.path("matchExpressions")) {
      if (!expressionMatches(expr, labels.get(expr.path("key").asText()))) {
        return false;
      }
    }
    for (JsonNode expr : term.path("matchFields")) {
      String value = expr.path("key").asText().equals("metadata.name") ? nodeName : null;
      if (!expressionMatches(expr, value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean expressionMatches(JsonNode expr, String value) {
    String op = expr.path("operator").asText();
    JsonNode values = expr.path("values");
    switch (op) {
      case "In":
        return value != null && contains(values, value);
      case "NotIn":
        return value == null || !contains(values, value);
      case "Exists":
        return value != null;
      case "DoesNotExist":
        return value == null;
      case "Gt":
      case "Lt":
        try {
          long have = Long.parseLong(value);
          long want = Long.parseLong(values.path(0).asText());
          return op.equals("Gt") ? have > want : have < want;
        } catch (RuntimeException e) {
          return false;
        }
      default:
        return false;
    }
  }

  private static boolean contains(JsonNode values, String value) {
    for (JsonNode v : values) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
