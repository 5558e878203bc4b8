package dev.kubemu.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A pod's effective resource request as kube-scheduler computes it: the sum of regular containers plus
 * restartable init containers (sidecars), or the largest non-sidecar init container together with the sidecars
 * started before it, whichever is larger, plus the pod overhead.
 */
final class PodRequests {
  /** The non-zero defaults scoring uses for containers without requests: 100m CPU and 200Mi memory. */
  static final long DEFAULT_MILLI_CPU = 100;
  static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

  private PodRequests() {}

  static Resources of(JsonNode podSpec) {
    Resources containers = Resources.ZERO;
    for (JsonNode c : podSpec.path("containers")) {
      containers = containers.plus(requests(c));
    }
    Resources sidecars = Resources.ZERO;
    Resources initPeak = Resources.ZERO;
    for (JsonNode c : podSpec.path("initContainers")) {
      if (c.path("restartPolicy").asText().equals("Always")) {
        sidecars = sidecars.plus(requests(c));
      } else {
        initPeak = initPeak.max(requests(c).plus(sidecars));
      }
    }
    return containers.plus(sidecars).max(initPeak).plus(Resources.of(podSpec.path("overhead")));
  }

  /** Requests for scoring: containers without a CPU or memory request count the non-zero defaults. */
  static Resources forScoring(JsonNode podSpec) {
    long cpu = 0;
    long memory = 0;
    for (JsonNode c : podSpec.path("containers")) {
      Resources r = requests(c);
      cpu += c.path("resources").path("requests").has("cpu") || c.path("resources").path("limits").has("cpu")
          ? r.milliCpu() : DEFAULT_MILLI_CPU;
      memory += c.path("resources").path("requests").has("memory")
          || c.path("resources").path("limits").has("memory") ? r.memory() : DEFAULT_MEMORY;
    }
    return new Resources(cpu, memory, 0);
  }

  /** A container's requests; limits stand in for missing requests, as defaulting copies them. */
  private static Resources requests(JsonNode container) {
    JsonNode requests = container.path("resources").path("requests");
    JsonNode limits = container.path("resources").path("limits");
    Resources r = Resources.of(requests);
    Resources l = Resources.of(limits);
    return new Resources(requests.has("cpu") ? r.milliCpu() : l.milliCpu(),
        requests.has("memory") ? r.memory() : l.memory(),
        requests.has("ephemeral-storage") ? r.ephemeralStorage() : l.ephemeralStorage());
  }
}
