package dev.kubemu.kinds.autoscaling;


import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * autoscaling/v2 defaults ({@code pkg/apis/autoscaling/v2/defaults.go}): one minimum replica, 80% average CPU when no
 * metric is given, and — only when a behavior is given — its missing scale-up and scale-down rules.
 */
public final class HpaDefaults {
  private HpaDefaults() {}

  public static void apply(ObjectNode hpa) {
    if (!(hpa.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    if (!spec.hasNonNull("minReplicas")) {
      spec.put("minReplicas", 1);
    }
    if (spec.path("metrics").isEmpty()) {
      ObjectNode metric = spec.putArray("metrics").addObject();
      metric.put("type", "Resource");
      ObjectNode resource = metric.putObject("resource");
      resource.put("name", "cpu");
      ObjectNode target = resource.putObject("target");
      target.put("type", "Utilization");
      target.put("averageUtilization", 80);
    }
    if (spec.get("behavior") instanceof ObjectNode behavior) {
      ObjectNode up = behavior.get("scaleUp") instanceof ObjectNode u ? u : behavior.putObject("scaleUp");
      if (!up.hasNonNull("stabilizationWindowSeconds")) {
        up.put("stabilizationWindowSeconds", 0);
      }
      if (!up.hasNonNull("selectPolicy")) {
        up.put("selectPolicy", "Max");
      }
      if (!up.hasNonNull("policies")) {
        ArrayNode policies = up.putArray("policies");
        policy(policies, "Pods", 4);
        policy(policies, "Percent", 100);
      }
      ObjectNode down = behavior.get("scaleDown") instanceof ObjectNode d ? d : behavior.putObject("scaleDown");
      if (!down.hasNonNull("selectPolicy")) {
        down.put("selectPolicy", "Max");
      }
      if (!down.hasNonNull("policies")) {
        policy(down.putArray("policies"), "Percent", 100);
      }
    }
  }

  private static void policy(ArrayNode policies, String type, int value) {
    ObjectNode p = policies.addObject();
    p.put("type", type);
    p.put("value", value);
    p.put("periodSeconds", 15);
  }

}
