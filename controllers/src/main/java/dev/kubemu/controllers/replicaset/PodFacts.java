package dev.kubemu.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Meta;
import dev.kubemu.kinds.core.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the ReplicaSet controller asks of each of its pods, read once per stored revision: a controller reconciling
 * thousands of pods on every pod change would otherwise walk each pod's JSON again each time.
 *
 * @param readySince when the pod became Ready, or null when it is not Ready
 */
record PodFacts(boolean active, Instant readySince, Map<String, String> labels) {
  static PodFacts of(JsonNode pod) {
    return new PodFacts(Pods.isActive(pod), Pods.readySince(pod).orElse(null), Map.copyOf(Meta.labels(pod)));
  }

  boolean ready() {
    return readySince != null;
  }

  /** podutil.IsPodAvailable: Ready for at least {@code minReadySeconds}. */
  boolean available(long minReadySeconds, Instant now) {
    return ready() && (minReadySeconds == 0 || !readySince.plus(Duration.ofSeconds(minReadySeconds)).isAfter(now));
  }
}
