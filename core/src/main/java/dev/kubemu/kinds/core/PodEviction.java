package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;

/**
 * The {@code pods/eviction} subresource: deletes a pod unless a PodDisruptionBudget that selects it allows no more
 * disruptions (429, as kube-apiserver answers, so {@code kubectl drain} retries). Pods that already finished are
 * always evictable.
 */
public final class PodEviction {
  private PodEviction() {}

  public static void evict(ResourceOperations operations, String namespace, String podName, JsonNode eviction,
      RequestContext request) {
    ResourceType pods = operations.registry().find("", "v1", "pods").orElseThrow();
    JsonNode pod = operations.getTree(pods, namespace, podName);
    String phase = pod.path("status").path("phase").asText("");
    if (!phase.equals("Succeeded") && !phase.equals("Failed") && !Meta.deleting(pod)) {
      checkBudgets(operations, namespace, pod);
    }
    JsonNode options = eviction.path("deleteOptions");
    Long grace = options.has("gracePeriodSeconds") ? options.get("gracePeriodSeconds").asLong() : null;
    boolean dry = request.dryRun() || options.path("dryRun").toString().contains("All");
    operations.delete(pods, "v1", namespace, podName,
        new DeleteOptions(grace, null, options.path("preconditions").path("uid").asText(null),
            options.path("preconditions").path("resourceVersion").asText(null), dry), request);
  }

  private static void checkBudgets(ResourceOperations operations, String namespace, JsonNode pod) {
    var pdbType = operations.registry().find("policy", "v1", "poddisruptionbudgets");
    if (pdbType.isEmpty()) {
      return;
    }
    for (StoredObject stored : operations.list(pdbType.get(), namespace, ListOptions.everything()).items()) {
      JsonNode pdb = operations.storageTree(stored);
      if (!LabelSelector.fromJson(pdb.path("spec").get("selector")).matches(Meta.labels(pod))) {
        continue;
      }
      boolean observed = pdb.path("status").path("observedGeneration").asLong(-1)
          >= pdb.path("metadata").path("generation").asLong(0);
      if (!observed || pdb.path("status").path("disruptionsAllowed").asLong(0) < 1) {
        throw new ApiException(429, "TooManyRequests",
            "Cannot evict pod as it would violate the pod's disruption budget.",
            new ApiException.StatusDetails(null, null, null, java.util.List.of(new ApiException.Cause(
                "DisruptionBudget", "The disruption budget " + Meta.name(pdb) + " needs "
                + pdb.path("status").path("desiredHealthy").asLong(0) + " healthy pods and has "
                + pdb.path("status").path("currentHealthy").asLong(0) + " currently", "")), 0));
      }
    }
  }
}
