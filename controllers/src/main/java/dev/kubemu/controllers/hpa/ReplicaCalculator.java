package dev.kubemu.controllers.hpa;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Quantity;
import dev.kubemu.core.object.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many replicas a Resource metric asks for (kube's replica_calculator.go): pods are sorted into ready, unready
 * (Pending, or for cpu still starting up), missing (no sample yet) and ignored (deleting or failed); the usage of the
 * ready ones against their requests gives a ratio to the target, and missing or unready pods are then filled in
 * pessimistically so the HPA never scales on a guess. Pure: the controller fetches pods and metrics.
 */
public final class ReplicaCalculator {
  /** kube-controller-manager's {@code --horizontal-pod-autoscaler-cpu-initialization-period}. */
  public static final Duration CPU_INITIALIZATION_PERIOD = Duration.ofMinutes(5);
  /** kube-controller-manager's {@code --horizontal-pod-autoscaler-initial-readiness-delay}. */
  public static final Duration INITIAL_READINESS_DELAY = Duration.ofSeconds(30);

  /** One pod's sample from metrics.k8s.io: usage summed over its containers, in milli-units. */
  public record PodMetric(long milliValue, Instant timestamp, Duration window) {}

  /** The band around 1.0 in which a usage ratio changes nothing (0.1 each way by default). */
  public record Tolerances(double scaleDown, double scaleUp) {
    public static final Tolerances DEFAULT = new Tolerances(0.1, 0.1);

    boolean isWithin(double ratio) {
      return 1.0 - scaleDown <= ratio && ratio <= 1.0 + scaleUp;
    }
  }

  /**
   * A proposal: the replicas, and what the status reports of the first pass (the utilization percentage, for
   * utilization targets, and the average usage in milli-units).
   */
  public record Proposal(int replicas, int utilization, long averageMilliValue) {}

  /** A metric the calculation could not use; the message is upstream's. */
  public static final class MetricsException extends Exception {
    public MetricsException(String message) {
      super(message);
    }
  }

  private ReplicaCalculator() {}

  /**
   * GetResourceReplicas: the replicas for a {@code Utilization} target of {@code resource} (cpu, memory).
   *
   * @param pods    the pods the target's selector matches
   * @param metrics samples by pod name (pods without one are "missing")
   */
  public static Proposal utilization(int currentReplicas, int targetUtilization, String resource,
      List<JsonNode> pods, Map<String, PodMetric> metrics, Tolerances tolerances, Instant now)
      throws MetricsException {
    Groups groups = Groups.of(pods, metrics, resource, now);
    Map<String, Long> usage = groups.usableMetrics(metrics);
    Map<String, Long> requests = requests(pods, resource);
    Ratio first = utilizationRatio(usage, requests, targetUtilization);
    boolean scaleUpWithUnready = !groups.unready.isEmpty() && first.ratio > 1.0;
    if (!scaleUpWithUnready && groups.missing.isEmpty()) {
      int replicas = tolerances.isWithin(first.ratio) ? currentReplicas
          : (int) Math.ceil(first.ratio * groups.readyCount);
      return new Proposal(replicas, first.utilization, first.average);
    }
    if (first.ratio < 1.0) {
      // a scale-down assumes the missing pods use all they asked for (or the target, above 100%)
      long fallback = Math.max(100, targetUtilization);
      groups.missing.forEach(p -> usage.put(p, requests.getOrDefault(p, 0L) * fallback / 100));
    } else if (first.ratio > 1.0) {
      groups.missing.forEach(p -> usage.put(p, 0L));
    }
    if (scaleUpWithUnready) {
      groups.unready.forEach(p -> usage.put(p, 0L));
    }
    Ratio second = utilizationRatio(usage, requests, targetUtilization);
    return new Proposal(settle(currentReplicas, first.ratio, second.ratio, usage.size(), tolerances),
        first.utilization, first.average);
  }

  /** GetRawResourceReplicas / calcPlainMetricReplicas: the replicas for an {@code AverageValue} target. */
  public static Proposal averageValue(int currentReplicas, long targetMilliValue, String resource,
      List<JsonNode> pods, Map<String, PodMetric> metrics, Tolerances tolerances, Instant now)
      throws MetricsException {
    Groups groups = Groups.of(pods, metrics, resource, now);
    Map<String, Long> usage = groups.usableMetrics(metrics);
    long average = average(usage);
    double ratio = (double) average / targetMilliValue;
    boolean scaleUpWithUnready = !groups.unready.isEmpty() && ratio > 1.0;
    if (!scaleUpWithUnready && groups.missing.isEmpty()) {
      int replicas = tolerances.isWithin(ratio) ? currentReplicas : (int) Math.ceil(ratio * groups.readyCount);
      return new Proposal(replicas, 0, average);
    }
    if (ratio < 1.0) {
      groups.missing.forEach(p -> usage.put(p, targetMilliValue));
    } else if (ratio > 1.0) {
      groups.missing.forEach(p -> usage.put(p, 0L));
    }
    if (scaleUpWithUnready) {
      groups.unready.forEach(p -> usage.put(p, 0L));
    }
    double second = (double) average(usage) / targetMilliValue;
    return new Proposal(settle(currentReplicas, ratio, second, usage.size(), tolerances), 0, average);
  }

  /**
   * The second pass: no change when the filled-in ratio is within tolerance or points the other way, or when the
   * count it gives would move against the direction of the ratio.
   */
  private static int settle(int current, double firstRatio, double secondRatio, int counted, Tolerances tolerances) {
    if (tolerances.isWithin(secondRatio) || (firstRatio < 1.0 && secondRatio > 1.0)
        || (firstRatio > 1.0 && secondRatio < 1.0)) {
      return current;
    }
    int replicas = (int) Math.ceil(secondRatio * counted);
    if ((secondRatio < 1.0 && replicas > current) || (secondRatio > 1.0 && replicas < current)) {
      return current;
    }
    return replicas;
  }

  private record Ratio(double ratio, int utilization, long average) {}

  /**
   * GetResourceUtilizationRatio: usage over requests of the pods that have both, as a whole percentage (truncated,
   * as upstream's integer arithmetic does) and as a ratio to the target.
   */
  private static Ratio utilizationRatio(Map<String, Long> usage, Map<String, Long> requests, int target)
      throws MetricsException {
    long usageTotal = 0;
    long requestTotal = 0;
    int counted = 0;
    for (var e : usage.entrySet()) {
      Long request = requests.get(e.getKey());
      if (request == null) {
        continue;
      }
      usageTotal += e.getValue();
      requestTotal += request;
      counted++;
    }
    if (requestTotal == 0) {
      throw new MetricsException("no metrics returned matched known pods");
    }
    int utilization = (int) (usageTotal * 100 / requestTotal);
    return new Ratio((double) utilization / target, utilization, usageTotal / counted);
  }

  private static long average(Map<String, Long> usage) {
    long total = 0;
    for (long value : usage.values()) {
      total += value;
    }
    return total / usage.size();
  }

  /**
   * calculatePodRequests: each pod's request for {@code resource} in milli-units, over its containers and its
   * restartable (sidecar) init containers; one container without a request fails the whole metric.
   */
  static Map<String, Long> requests(List<JsonNode> pods, String resource) throws MetricsException {
    var requests = new HashMap<String, Long>();
    for (JsonNode pod : pods) {
      long total = 0;
      for (JsonNode container : pod.path("spec").path("containers")) {
        total += request(pod, container, resource);
      }
      for (JsonNode container : pod.path("spec").path("initContainers")) {
        if (container.path("restartPolicy").asText("").equals("Always")) {
          total += request(pod, container, resource);
        }
      }
      requests.put(Meta.name(pod), total);
    }
    return requests;
  }

  private static long request(JsonNode pod, JsonNode container, String resource) throws MetricsException {
    JsonNode request = container.path("resources").path("requests").path(resource);
    if (!request.isTextual() && !request.isNumber()) {
      throw new MetricsException("missing request for " + resource + " in container "
          + container.path("name").asText() + " of Pod " + Meta.name(pod));
    }
    return Quantity.parse(request.asText()).milliValue();
  }

  /** groupPods: which pods' samples count. */
  private static final class Groups {
    final Set<String> unready = new HashSet<>();
    final Set<String> missing = new HashSet<>();
    final Set<String> ignored = new HashSet<>();
    int readyCount;

    /** Sorts the pods, failing as upstream does when there are none or none has a usable sample. */
    static Groups of(List<JsonNode> pods, Map<String, PodMetric> metrics, String resource, Instant now)
        throws MetricsException {
      if (pods.isEmpty()) {
        throw new MetricsException("no pods returned by selector while calculating replica count");
      }
      var groups = new Groups();
      for (JsonNode pod : pods) {
        String name = Meta.name(pod);
        String phase = pod.path("status").path("phase").asText("");
        if (Meta.deleting(pod) || phase.equals("Failed")) {
          groups.ignored.add(name);
        } else if (phase.equals("Pending")) {
          groups.unready.add(name);
        } else if (!metrics.containsKey(name)) {
          groups.missing.add(name);
        } else if (resource.equals("cpu") && cpuUnready(pod, metrics.get(name), now)) {
          groups.unready.add(name);
        } else {
          groups.readyCount++;
        }
      }
      if (groups.usableMetrics(metrics).isEmpty()) {
        throw new MetricsException("did not receive metrics for targeted pods (pods might be unready)");
      }
      return groups;
    }

    /**
     * A cpu sample is not trusted while the pod starts up (it may still be burning cpu on initialisation): within
     * the initialisation period, unless the pod is Ready and a whole sample window has passed since; afterwards,
     * only when the pod has never been Ready.
     */
    private static boolean cpuUnready(JsonNode pod, PodMetric metric, Instant now) {
      JsonNode ready = null;
      for (JsonNode c : pod.path("status").path("conditions")) {
        if (c.path("type").asText().equals("Ready")) {
          ready = c;
        }
      }
      Instant start = Timestamps.parse(pod.path("status").path("startTime").asText("")).orElse(null);
      if (ready == null || start == null) {
        return true;
      }
      Instant transition = Timestamps.parse(ready.path("lastTransitionTime").asText("")).orElse(Instant.EPOCH);
      boolean notReady = ready.path("status").asText().equals("False");
      if (start.plus(CPU_INITIALIZATION_PERIOD).isAfter(now)) {
        return notReady || metric.timestamp().isBefore(transition.plus(metric.window()));
      }
      return notReady && start.plus(INITIAL_READINESS_DELAY).isAfter(transition);
    }

    /** The samples of the ready pods (ignored and unready pods dropped), in a map the second pass fills in. */
    Map<String, Long> usableMetrics(Map<String, PodMetric> metrics) {
      var usable = new HashMap<String, Long>();
      metrics.forEach((name, metric) -> {
        if (!ignored.contains(name) && !unready.contains(name)) {
          usable.put(name, metric.milliValue());
        }
      });
      return usable;
    }
  }
}
