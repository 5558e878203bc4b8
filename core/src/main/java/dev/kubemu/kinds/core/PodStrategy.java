package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.Deletion;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.kinds.core.validation.PodValidation;
import java.util.List;

/**
 * Pods: status starts as Pending, defaults include the admission-added ones (priority, default tolerations; the
 * service account and its token volume come from {@link dev.kubemu.core.api.ServiceAccountAdmission}),
 * and deletion of a pod bound to a node is graceful: the kubelet finishes it.
 */
public final class PodStrategy implements ResourceStrategy {
  static final long DEFAULT_TOLERATION_SECONDS = 300;

  @Override
  public void prepareForCreate(ObjectNode pod, WriteContext ctx) {
    ObjectNode status = pod.putObject("status");
    status.put("phase", "Pending");
    status.put("qosClass", QosClass.of(pod.path("spec")));
  }

  @Override
  public void prepareForUpdate(ObjectNode pod, JsonNode old, WriteContext ctx) {
    // spec.nodeName is set only through the binding subresource
    JsonNode oldNode = old.path("spec").get("nodeName");
    if (pod.get("spec") instanceof ObjectNode spec) {
      if (oldNode == null) {
        spec.remove("nodeName");
      } else {
        spec.set("nodeName", oldNode);
      }
    }
  }

  /** SetDefaults_Pod and the conversion to v1, which mirrors serviceAccountName into serviceAccount. */
  @Override
  public void applyDecodingDefaults(ObjectNode pod, WriteContext ctx) {
    if (!(pod.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    PodSpecDefaults.apply(spec);
    PodSpecDefaults.podOnly(spec);
    String account = spec.path("serviceAccountName").asText("");
    if (!account.isEmpty()) {
      PodSpecDefaults.putIfAbsent(spec, "serviceAccount", account);
    }
  }

  /**
   * The decoding defaults plus what the ServiceAccount, Priority and DefaultTolerationSeconds admission plugins add,
   * which an update must not take away either.
   */
  @Override
  public void applyDefaults(ObjectNode pod, WriteContext ctx) {
    applyDecodingDefaults(pod, ctx);
    if (!(pod.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    PodSpecDefaults.putIfAbsent(spec, "serviceAccountName", "default");
    PodSpecDefaults.putIfAbsent(spec, "serviceAccount", spec.path("serviceAccountName").asText());
    if (!spec.has("priority")) {
      spec.put("priority", builtinPriority(spec.path("priorityClassName").asText("")));
    }
    PodSpecDefaults.putIfAbsent(spec, "preemptionPolicy", "PreemptLowerPriority");
    addDefaultTolerations(spec);
  }

  /** The Priority admission plugin's values for the two built-in PriorityClasses; 0 otherwise. */
  static long builtinPriority(String priorityClassName) {
    return switch (priorityClassName) {
      case "system-node-critical" -> 2000001000L;
      case "system-cluster-critical" -> 2000000000L;
      default -> 0L;
    };
  }

  /** The DefaultTolerationSeconds admission plugin: tolerate not-ready/unreachable nodes for 300 s. */
  private static void addDefaultTolerations(ObjectNode spec) {
    ArrayNode tolerations = spec.has("tolerations") && spec.get("tolerations").isArray()
        ? (ArrayNode) spec.get("tolerations") : null;
    for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
      boolean present = false;
      if (tolerations != null) {
        for (JsonNode t : tolerations) {
          String tKey = t.path("key").asText("");
          String effect = t.path("effect").asText("");
          if ((tKey.equals(key) || (tKey.isEmpty() && t.path("operator").asText().equals("Exists")))
              && (effect.isEmpty() || effect.equals("NoExecute"))) {
            present = true;
          }
        }
      }
      if (!present) {
        if (tolerations == null) {
          tolerations = spec.putArray("tolerations");
        }
        ObjectNode t = tolerations.addObject();
        t.put("key", key);
        t.put("operator", "Exists");
        t.put("effect", "NoExecute");
        t.put("tolerationSeconds", DEFAULT_TOLERATION_SECONDS);
      }
    }
  }

  @Override
  public List<FieldError> validate(JsonNode pod, WriteContext ctx) {
    return PodValidation.validateCreate(pod);
  }

  @Override
  public List<FieldError> validateUpdate(JsonNode pod, JsonNode old, WriteContext ctx) {
    return PodValidation.validateUpdate(pod, old);
  }

  /**
   * A pod that runs on a node is only marked: the kubelet stops it within the grace period and then removes it. A
   * pod that never reached a node, or already finished, goes at once.
   */
  @Override
  public ObjectNode deferDeletion(ObjectNode pod, DeleteOptions options, WriteContext ctx) {
    String phase = pod.path("status").path("phase").asText("");
    boolean bound = !pod.path("spec").path("nodeName").asText("").isEmpty();
    long grace = options.gracePeriodSeconds() != null ? options.gracePeriodSeconds()
        : pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
    if (!bound || phase.equals("Succeeded") || phase.equals("Failed") || grace == 0) {
      return Deletion.keepForFinalizers(pod, ctx);
    }
    Deletion.markDeleted(pod, ctx, grace);
    return pod;
  }
}
