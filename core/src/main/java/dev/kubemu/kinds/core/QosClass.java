package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** The pod QoS class (Guaranteed, Burstable, BestEffort), computed from container requests and limits. */
public final class QosClass {
  private QosClass() {}

  public static String of(JsonNode podSpec) {
    boolean any = false;
    boolean guaranteed = true;
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : podSpec.path(list)) {
        JsonNode requests = c.path("resources").path("requests");
        JsonNode limits = c.path("resources").path("limits");
        Map<String, String> req = new HashMap<>();
        requests.fields().forEachRemaining(e -> req.put(e.getKey(), e.getValue().asText()));
        Map<String, String> lim = new HashMap<>();
        limits.fields().forEachRemaining(e -> lim.put(e.getKey(), e.getValue().asText()));
        for (String r : new String[] {"cpu", "memory"}) {
          if (req.containsKey(r) || lim.containsKey(r)) {
            any = true;
          }
          String limit = lim.get(r);
          String request = req.getOrDefault(r, limit);
          if (limit == null || !limit.equals(request)) {
            guaranteed = false;
          }
        }
      }
    }
    if (!any) {
      return "BestEffort";
    }
    return guaranteed ? "Guaranteed" : "Burstable";
  }
}
