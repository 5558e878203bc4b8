package dev.kubemu.kubelet;

import dev.kubemu.core.object.Quantity;
import java.util.Objects;

/**
 * The hardware of one simulated node.
 *
 * @param cpu              CPU capacity, e.g. {@code 4}
 * @param memory           memory capacity, e.g. {@code 8Gi}
 * @param maxPods          the kubelet's maxPods
 * @param ephemeralStorage ephemeral-storage capacity
 */
public record NodeShape(Quantity cpu, Quantity memory, int maxPods, Quantity ephemeralStorage) {
  public NodeShape {
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(ephemeralStorage, "ephemeralStorage");
    if (maxPods < 1) {
      throw new IllegalArgumentException("maxPods must be at least 1, was " + maxPods);
    }
  }

  /** 4 CPUs, 8Gi, 110 pods, 100Gi of ephemeral storage: the launcher's defaults. */
  public static NodeShape standard() {
    return new NodeShape(Quantity.parse("4"), Quantity.parse("8Gi"), 110, Quantity.parse("100Gi"));
  }
}
