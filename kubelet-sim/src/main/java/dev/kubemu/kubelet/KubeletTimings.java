package dev.kubemu.kubelet;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the simulated kubelets take: pulling an image the node does not have yet, starting containers, and
 * stopping them on delete (never longer than the pod's grace period).
 */
public record KubeletTimings(Duration imagePull, Duration containerStart, Duration shutdown) {
  public KubeletTimings {
    Objects.requireNonNull(imagePull, "imagePull");
    Objects.requireNonNull(containerStart, "containerStart");
    Objects.requireNonNull(shutdown, "shutdown");
    if (imagePull.isNegative() || containerStart.isNegative() || shutdown.isNegative()) {
      throw new IllegalArgumentException("kubelet timings must not be negative: " + imagePull + ", "
          + containerStart + ", " + shutdown);
    }
  }

  /** Everything at once: for tests that advance a virtual clock. */
  public static KubeletTimings instant() {
    return new KubeletTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /** Close to a small real cluster with warm caches: for workshops, where the transitions should be visible. */
  public static KubeletTimings realistic() {
    return new KubeletTimings(Duration.ofMillis(1500), Duration.ofMillis(500), Duration.ofSeconds(1));
  }
}
