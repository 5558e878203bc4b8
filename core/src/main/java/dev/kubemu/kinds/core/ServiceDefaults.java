package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** SetDefaults_Service ({@code pkg/apis/core/v1/defaults.go}). */
public final class ServiceDefaults {
  private ServiceDefaults() {}

  public static void apply(ObjectNode spec) {
    if (spec.path("sessionAffinity").asText("").isEmpty()) {
      spec.put("sessionAffinity", "None");
    }
    if (spec.path("type").asText("").isEmpty()) {
      spec.put("type", "ClusterIP");
    }
    for (JsonNode port : spec.path("ports")) {
      if (port instanceof ObjectNode p) {
        if (p.path("protocol").asText("").isEmpty()) {
          p.put("protocol", "TCP");
        }
        JsonNode target = p.get("targetPort");
        if (target == null || target.isNull() || (target.isNumber() && target.asInt() == 0)
            || (target.isTextual() && target.asText().isEmpty())) {
          p.put("targetPort", p.path("port").asInt(0));
        }
      }
    }
    String type = spec.path("type").asText();
    boolean external = type.equals("LoadBalancer") || type.equals("NodePort")
        || (type.equals("ClusterIP") && !spec.path("externalIPs").isEmpty());
    if (external && spec.path("externalTrafficPolicy").asText("").isEmpty()) {
      spec.put("externalTrafficPolicy", "Cluster");
    }
    if (!spec.hasNonNull("internalTrafficPolicy")
        && (type.equals("NodePort") || type.equals("LoadBalancer") || type.equals("ClusterIP"))) {
      spec.put("internalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer") && !spec.hasNonNull("allocateLoadBalancerNodePorts")) {
      spec.put("allocateLoadBalancerNodePorts", true);
    }
    if (spec.path("sessionAffinity").asText().equals("ClientIP")
        && !spec.path("sessionAffinityConfig").path("clientIP").hasNonNull("timeoutSeconds")) {
      ObjectNode config = spec.putObject("sessionAffinityConfig");
      config.putObject("clientIP").put("timeoutSeconds", 10800);
    }
  }
}
