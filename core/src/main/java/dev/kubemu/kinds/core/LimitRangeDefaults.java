package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * SetDefaults_LimitRangeItem: for Container limits, a missing default limit is the max, a missing default request is
 * the default limit, else the min.
 */
public final class LimitRangeDefaults {
  private LimitRangeDefaults() {}

  public static void apply(ObjectNode limitRange) {
    for (JsonNode item : limitRange.path("spec").path("limits")) {
      if (!(item instanceof ObjectNode limit) || !limit.path("type").asText("").equals("Container")) {
        continue;
      }
      ObjectNode defaults = limit.get("default") instanceof ObjectNode d ? d : limit.objectNode();
      ObjectNode requests = limit.get("defaultRequest") instanceof ObjectNode r ? r : limit.objectNode();
      copyMissing(limit.path("max"), defaults);
      copyMissing(defaults, requests);
      copyMissing(limit.path("min"), requests);
      if (!defaults.isEmpty()) {
        limit.set("default", defaults);
      }
      if (!requests.isEmpty()) {
        limit.set("defaultRequest", requests);
      }
    }
  }

  private static void copyMissing(JsonNode from, ObjectNode to) {
    from.fields().forEachRemaining(e -> {
      if (!to.has(e.getKey())) {
        to.set(e.getKey(), e.getValue().deepCopy());
      }
    });
  }
}
