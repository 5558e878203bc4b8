package dev.kubemu.kinds.printing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;

/** The HPA TARGETS cell (1.33 form: {@code cpu: 45%/50%}), at most two metrics then {@code + N more...}. */
final class HpaTargets {
  private HpaTargets() {}

  static String of(JsonNode hpa) {
    JsonNode specs = hpa.path("spec").path("metrics");
    JsonNode statuses = hpa.path("status").path("currentMetrics");
    if (specs.isEmpty()) {
      return "<none>";
    }
    var list = new ArrayList<String>();
    int count = 0;
    for (int i = 0; i < specs.size(); i++) {
      JsonNode spec = specs.get(i);
      JsonNode status = statuses.size() > i ? statuses.get(i) : null;
      String type = spec.path("type").asText();
      String entry = switch (type) {
        case "Resource", "ContainerResource" -> resource(spec, status, type.equals("Resource") ? "resource"
            : "containerResource");
        case "Pods" -> current(status, "pods", "averageValue") + "/" + spec.path("pods").path("target")
            .path("averageValue").asText("<unknown>");
        case "Object" -> objectOrExternal(spec, status, "object");
        case "External" -> objectOrExternal(spec, status, "external");
        default -> "<unknown type>";
      };
      count++;
      if (list.size() < 2) {
        list.add(entry);
      }
    }
    String joined = String.join(", ", list);
    return count > 2 ? joined + " + " + (count - 2) + " more..." : joined;
  }

  private static String resource(JsonNode spec, JsonNode status, String field) {
    JsonNode source = spec.path(field);
    String name = source.path("name").asText();
    JsonNode target = source.path("target");
    if (target.has("averageValue")) {
      return name + ": " + current(status, field, "averageValue") + "/" + target.path("averageValue").asText();
    }
    String current = "<unknown>";
    if (status != null && status.path(field).path("current").has("averageUtilization")) {
      current = status.path(field).path("current").path("averageUtilization").asLong() + "%";
    }
    String goal = target.has("averageUtilization") ? target.path("averageUtilization").asLong() + "%" : "<auto>";
    return name + ": " + current + "/" + goal;
  }

  private static String objectOrExternal(JsonNode spec, JsonNode status, String field) {
    JsonNode target = spec.path(field).path("target");
    if (target.has("averageValue")) {
      return current(status, field, "averageValue") + "/" + target.path("averageValue").asText() + " (avg)";
    }
    return current(status, field, "value") + "/" + target.path("value").asText("<unknown>");
  }

  private static String current(JsonNode status, String field, String valueField) {
    if (status == null || !status.path(field).path("current").has(valueField)) {
      return "<unknown>";
    }
    return status.path(field).path("current").path(valueField).asText();
  }
}
