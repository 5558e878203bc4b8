package dev.kubemu.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.OwnerReferences;
import dev.kubemu.kinds.core.Pods;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The stable identity a StatefulSet gives its pods and claims (kube's stateful_set_utils.go): pod {@code <set>-<n>},
 * claim {@code <template>-<set>-<n>}, the hostname/subdomain pair the headless Service resolves, and the labels that
 * name the pod, its index and its revision.
 */
final class StatefulPods {
  static final String REVISION_LABEL = "controller-revision-hash";
  static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  private StatefulPods() {}

  /** The ordinal in a member pod's name, or -1 when the name is not {@code <set>-<digits>}. */
  static int ordinal(String setName, String podName) {
    if (!podName.startsWith(setName) || podName.length() < setName.length() + 2
        || podName.charAt(setName.length()) != '-') {
      return -1;
    }
    String digits = podName.substring(setName.length() + 1);
    if (digits.length() > 10 || digits.chars().anyMatch(c -> c < '0' || c > '9')) {
      return -1;
    }
    long value = Long.parseLong(digits);
    return value > Integer.MAX_VALUE ? -1 : (int) value;
  }

  static String podName(JsonNode set, int ordinal) {
    return Meta.name(set) + "-" + ordinal;
  }

  static String claimName(JsonNode set, String template, int ordinal) {
    return template + "-" + Meta.name(set) + "-" + ordinal;
  }

  static int startOrdinal(JsonNode set) {
    return set.path("spec").path("ordinals").path("start").asInt(0);
  }

  static int replicas(JsonNode set) {
    return set.path("spec").path("replicas").asInt(1);
  }

  static String revision(JsonNode pod) {
    return pod.path("metadata").path("labels").path(REVISION_LABEL).asText("");
  }

  /** A pod the API server holds (status.phase set); the planner's placeholders for missing pods have none. */
  static boolean created(JsonNode pod) {
    return !pod.path("status").path("phase").asText("").isEmpty();
  }

  static boolean terminating(JsonNode pod) {
    return Meta.deleting(pod);
  }

  static boolean finished(JsonNode pod) {
    String phase = pod.path("status").path("phase").asText("");
    return phase.equals("Failed") || phase.equals("Succeeded");
  }

  static boolean runningAndReady(JsonNode pod) {
    return pod.path("status").path("phase").asText("").equals("Running") && Pods.isReady(pod);
  }

  static boolean runningAndAvailable(JsonNode pod, long minReadySeconds, Instant now) {
    return runningAndReady(pod) && Pods.isAvailable(pod, minReadySeconds, now);
  }

  /** isUnavailable: not running and available, or on its way out. */
  static boolean unavailable(JsonNode pod, long minReadySeconds, Instant now) {
    return !runningAndAvailable(pod, minReadySeconds, now) || terminating(pod);
  }

  /**
   * A new member pod for {@code ordinal} from {@code template} (the template of the revision it is created at),
   * labelled with that revision's name.
   */
  static ObjectNode newPod(JsonNode set, JsonNode template, int ordinal, String revisionName) {
    ObjectNode pod = Json.object();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    String name = podName(set, ordinal);
    meta.put("name", name);
    meta.put("namespace", Meta.namespace(set));
    JsonNode templateMeta = template.path("metadata");
    ObjectNode labels = templateMeta.get("labels") instanceof ObjectNode l ? l.deepCopy() : Json.object();
    labels.put(POD_NAME_LABEL, name);
    labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
    labels.put(REVISION_LABEL, revisionName);
    meta.set("labels", labels);
    for (String field : new String[] {"annotations", "finalizers"}) {
      if (templateMeta.has(field)) {
        meta.set(field, templateMeta.get(field).deepCopy());
      }
    }
    OwnerReferences.setController(meta, set);
    ObjectNode spec = template.get("spec") instanceof ObjectNode s ? s.deepCopy() : Json.object();
    spec.put("hostname", name);
    String serviceName = set.path("spec").path("serviceName").asText("");
    if (!serviceName.isEmpty()) {
      spec.put("subdomain", serviceName);
    }
    spec.set("volumes", volumesWithClaims(set, spec.path("volumes"), ordinal));
    pod.set("spec", spec);
    return pod;
  }

  /**
   * updateStorage: a volume per claim template (named after the template, pointing at the member's claim), then the
   * template's other volumes; a template volume named like a claim template is replaced by the claim.
   */
  private static ArrayNode volumesWithClaims(JsonNode set, JsonNode volumes, int ordinal) {
    ArrayNode result = Json.array();
    Set<String> claimTemplates = new HashSet<>();
    for (JsonNode template : set.path("spec").path("volumeClaimTemplates")) {
      String name = Meta.name(template);
      claimTemplates.add(name);
      ObjectNode volume = result.addObject();
      volume.put("name", name);
      volume.putObject("persistentVolumeClaim").put("claimName", claimName(set, name, ordinal));
    }
    for (JsonNode volume : volumes) {
      if (!claimTemplates.contains(volume.path("name").asText())) {
        result.add(volume.deepCopy());
      }
    }
    return result;
  }

  /**
   * The claims a member needs, from {@code volumeClaimTemplates}: named per member, in the set's namespace, labelled
   * with the template's labels plus the set's {@code matchLabels}.
   */
  static java.util.List<ObjectNode> claims(JsonNode set, int ordinal) {
    var claims = new java.util.ArrayList<ObjectNode>();
    for (JsonNode template : set.path("spec").path("volumeClaimTemplates")) {
      ObjectNode claim = Json.object();
      claim.put("apiVersion", "v1");
      claim.put("kind", "PersistentVolumeClaim");
      ObjectNode meta = claim.putObject("metadata");
      meta.put("name", claimName(set, Meta.name(template), ordinal));
      meta.put("namespace", Meta.namespace(set));
      ObjectNode labels = template.path("metadata").get("labels") instanceof ObjectNode l ? l.deepCopy()
          : Json.object();
      set.path("spec").path("selector").path("matchLabels").fields()
          .forEachRemaining(e -> labels.set(e.getKey(), e.getValue().deepCopy()));
      if (!labels.isEmpty()) {
        meta.set("labels", labels);
      }
      if (template.path("metadata").has("annotations")) {
        meta.set("annotations", template.path("metadata").get("annotations").deepCopy());
      }
      claim.set("spec", template.path("spec").deepCopy());
      claims.add(claim);
    }
    return claims;
  }

  /**
   * identityMatches: a member's name at its ordinal, in the set's namespace, carrying its pod-name label (hostname
   * and subdomain are immutable once created, so they are not checked).
   */
  static boolean identityMatches(JsonNode set, JsonNode pod) {
    String name = Meta.name(pod);
    return ordinal(Meta.name(set), name) >= 0
        && Meta.namespace(pod).equals(Meta.namespace(set))
        && pod.path("metadata").path("labels").path(POD_NAME_LABEL).asText("").equals(name);
  }

  /** updateIdentity on an existing member: restores the labels that name it and its index. */
  static void restoreIdentity(JsonNode set, ObjectNode pod) {
    String name = Meta.name(pod);
    ObjectNode labels = Meta.metaForWrite(pod).get("labels") instanceof ObjectNode l ? l
        : Meta.metaForWrite(pod).putObject("labels");
    labels.put(POD_NAME_LABEL, name);
    labels.put(POD_INDEX_LABEL, Integer.toString(ordinal(Meta.name(set), name)));
  }

  /** storageMatches: every claim template is mounted from the member's own claim. */
  static boolean storageMatches(JsonNode set, JsonNode pod) {
    int ordinal = ordinal(Meta.name(set), Meta.name(pod));
    if (ordinal < 0) {
      return false;
    }
    for (JsonNode template : set.path("spec").path("volumeClaimTemplates")) {
      String name = Meta.name(template);
      boolean found = false;
      for (JsonNode volume : pod.path("spec").path("volumes")) {
        if (volume.path("name").asText().equals(name)) {
          found = volume.path("persistentVolumeClaim").path("claimName").asText("")
              .equals(claimName(set, name, ordinal));
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
