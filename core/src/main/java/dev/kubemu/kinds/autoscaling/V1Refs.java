package dev.kubemu.kinds.autoscaling;

import static dev.kubemu.kinds.autoscaling.GoJson.present;
import static dev.kubemu.kinds.autoscaling.GoJson.textOrEmpty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The small shared pieces of the v1 metric shapes: object references, metric names and label selectors. */
final class V1Refs {
  private V1Refs() {}

  /** A {@code CrossVersionObjectReference}: kind and name always, apiVersion only when not empty. */
  static ObjectNode toV1(JsonNode reference) {
    ObjectNode out = GoJson.object();
    out.set("kind", textOrEmpty(reference.get("kind")));
    out.set("name", textOrEmpty(reference.get("name")));
    JsonNode apiVersion = present(reference, "apiVersion");
    if (apiVersion != null && !apiVersion.asText().isEmpty()) {
      out.set("apiVersion", apiVersion.deepCopy());
    }
    return out;
  }

  /** The decoded v1 reference as a v2 {@code describedObject} (same fields, same omitempty rules). */
  static ObjectNode toV2(JsonNode reference) {
    ObjectNode out = GoJson.object();
    if (reference == null) {
      out.put("kind", "");
      out.put("name", "");
      return out;
    }
    out.set("kind", GoJson.stringOrEmpty(reference, "kind"));
    out.set("name", GoJson.stringOrEmpty(reference, "name"));
    TextNode apiVersion = GoJson.string(reference, "apiVersion");
    if (apiVersion != null && !apiVersion.textValue().isEmpty()) {
      out.set("apiVersion", apiVersion);
    }
    return out;
  }

  /** Copies a v2 {@code metric.selector} into the v1 entry as Go would encode it. */
  static void selectorToV1(JsonNode metric, String name, ObjectNode to, String toName) {
    JsonNode selector = present(metric, name);
    if (selector != null && selector.isObject()) {
      to.set(toName, GoJson.labelSelector(selector));
    }
  }

  /** A v2 {@code MetricIdentifier} (name, optional selector) from a decoded v1 entry. */
  static ObjectNode identifier(JsonNode v1, String nameField, String selectorField) {
    ObjectNode out = GoJson.object();
    out.set("name", GoJson.stringOrEmpty(v1, nameField));
    JsonNode selector = GoJson.structMember(v1, selectorField);
    if (selector != null) {
      out.set("selector", GoJson.labelSelector(selector));
    }
    return out;
  }
}
