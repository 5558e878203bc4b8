package dev.kubemu.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The annotations and small facts about claims, volumes and classes that the volume controllers and the scheduler
 * share, as kube's storage helpers (component-helpers {@code storage/volume}) define them.
 */
public final class Volumes {
  public static final String BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
  public static final String BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
  public static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
  public static final String STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
  public static final String BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
  public static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
  public static final String BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
  /** The provisioner of classes whose volumes are only ever created by hand (local volumes). */
  public static final String NO_PROVISIONER = "kubernetes.io/no-provisioner";

  private Volumes() {}

  public static boolean hasAnnotation(JsonNode object, String key) {
    return Meta.meta(object).path("annotations").has(key);
  }

  public static String annotation(JsonNode object, String key) {
    return Meta.meta(object).path("annotations").path(key).asText("");
  }

  /** The claim's class: the beta annotation first, then {@code spec.storageClassName}; "" for none. */
  public static String claimClass(JsonNode claim) {
    if (hasAnnotation(claim, BETA_STORAGE_CLASS)) {
      return annotation(claim, BETA_STORAGE_CLASS);
    }
    return claim.path("spec").path("storageClassName").asText("");
  }

  /** The volume's class, read the same way as a claim's. */
  public static String volumeClass(JsonNode volume) {
    return claimClass(volume);
  }

  /** Whether the claim names a class at all (an empty name counts: it asks for volumes without a class). */
  public static boolean claimHasClass(JsonNode claim) {
    return hasAnnotation(claim, BETA_STORAGE_CLASS) || claim.path("spec").hasNonNull("storageClassName");
  }

  /** Whether the class binds claims only once a pod uses them. */
  public static boolean delaysBinding(JsonNode storageClass) {
    return storageClass != null
        && storageClass.path("volumeBindingMode").asText("Immediate").equals("WaitForFirstConsumer");
  }

  /** The claim's storage request; zero when absent. */
  public static Quantity requested(JsonNode claim) {
    JsonNode q = claim.path("spec").path("resources").path("requests").path("storage");
    return q.isTextual() || q.isNumber() ? Quantity.parse(q.asText()) : Quantity.parse("0");
  }

  /** The volume's storage capacity; zero when absent. */
  public static Quantity capacity(JsonNode volume) {
    JsonNode q = volume.path("spec").path("capacity").path("storage");
    return q.isTextual() || q.isNumber() ? Quantity.parse(q.asText()) : Quantity.parse("0");
  }

  public static Set<String> accessModes(JsonNode object) {
    var modes = new LinkedHashSet<String>();
    object.path("spec").path("accessModes").forEach(m -> modes.add(m.asText()));
    return modes;
  }

  /** Volume modes differ, an absent mode counting as Filesystem on either side. */
  public static boolean volumeModeMismatch(JsonNode claim, JsonNode volume) {
    return !claim.path("spec").path("volumeMode").asText("Filesystem")
        .equals(volume.path("spec").path("volumeMode").asText("Filesystem"));
  }

  /**
   * Whether the volume's claimRef points at this claim: same namespace and name, and the same uid unless the ref has
   * none (a volume pre-bound by name).
   */
  public static boolean boundToClaim(JsonNode volume, JsonNode claim) {
    JsonNode ref = volume.path("spec").path("claimRef");
    if (!ref.isObject()) {
      return false;
    }
    if (!ref.path("name").asText("").equals(Meta.name(claim))
        || !ref.path("namespace").asText("").equals(Meta.namespace(claim))) {
      return false;
    }
    String uid = ref.path("uid").asText("");
    return uid.isEmpty() || uid.equals(Meta.uid(claim));
  }

  /** {@code namespace/name} of the claim a volume's claimRef names, or null without a claimRef. */
  public static String claimRefKey(JsonNode volume) {
    JsonNode ref = volume.path("spec").path("claimRef");
    return ref.isObject() ? ref.path("namespace").asText("") + "/" + ref.path("name").asText("") : null;
  }

  /** The names of the claims a pod's {@code persistentVolumeClaim} volumes use, in order. */
  public static List<String> claimNames(JsonNode pod) {
    var names = new ArrayList<String>();
    for (JsonNode v : pod.path("spec").path("volumes")) {
      String claim = v.path("persistentVolumeClaim").path("claimName").asText("");
      if (!claim.isEmpty()) {
        names.add(claim);
      }
    }
    return names;
  }

  /** Finished: the kubelet will not start it again (kube's IsPodTerminated). */
  public static boolean podTerminated(JsonNode pod) {
    String phase = pod.path("status").path("phase").asText("");
    return phase.equals("Succeeded") || phase.equals("Failed");
  }

  /**
   * kube's {@code MatchTopologySelectorTerms} over the class's {@code allowedTopologies}: no terms admit every
   * node; otherwise some term must have all its label expressions satisfied (the node's label among the values).
   */
  public static boolean topologyAdmits(JsonNode storageClass, JsonNode node) {
    JsonNode terms = storageClass.path("allowedTopologies");
    if (!terms.isArray() || terms.isEmpty()) {
      return true;
    }
    for (JsonNode term : terms) {
      boolean all = true;
      for (JsonNode expression : term.path("matchLabelExpressions")) {
        JsonNode value = Meta.meta(node).path("labels").get(expression.path("key").asText());
        if (value == null || !contains(expression.path("values"), value.asText())) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(JsonNode values, String value) {
    for (JsonNode v : values) {
      if (v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
