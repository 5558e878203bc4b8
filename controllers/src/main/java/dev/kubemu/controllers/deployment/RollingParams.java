package dev.kubemu.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A rolling update's resolved fenceposts: maxSurge rounds percentages up, maxUnavailable rounds down, and both zero
 * becomes maxUnavailable 1 (kube's ResolveFenceposts).
 */
public record RollingParams(int maxSurge, int maxUnavailable) {
  public static RollingParams of(JsonNode deploymentSpec) {
    int replicas = deploymentSpec.path("replicas").asInt(1);
    if (!"RollingUpdate".equals(deploymentSpec.path("strategy").path("type").asText("RollingUpdate"))) {
      return new RollingParams(0, 0);
    }
    JsonNode rolling = deploymentSpec.path("strategy").path("rollingUpdate");
    int surge = scaled(rolling.get("maxSurge"), replicas, true, 25);
    int unavailable = scaled(rolling.get("maxUnavailable"), replicas, false, 25);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new RollingParams(surge, unavailable);
  }

  /** An int-or-percent against {@code total}; percentages round up or down. */
  static int scaled(JsonNode value, int total, boolean roundUp, int defaultPercent) {
    if (value == null || value.isNull()) {
      return percent(defaultPercent, total, roundUp);
    }
    if (value.isNumber()) {
      return value.asInt();
    }
    String text = value.asText().trim();
    if (text.endsWith("%")) {
      return percent(Integer.parseInt(text.substring(0, text.length() - 1)), total, roundUp);
    }
    return Integer.parseInt(text);
  }

  private static int percent(int percent, int total, boolean roundUp) {
    long product = (long) percent * total;
    return (int) (roundUp ? (product + 99) / 100 : product / 100);
  }
}
