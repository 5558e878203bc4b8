package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;

/**
 * What the ServiceAccount admission plugin adds to a new pod: the {@code kube-api-access-xxxxx} projected volume (a
 * bound token, the cluster CA and the namespace) mounted read-only at the service account path in every container
 * that does not mount something there already, unless automounting is turned off on the pod or its ServiceAccount.
 */
final class ServiceAccountTokenVolume {
  static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
  private static final String PREFIX = "kube-api-access-";
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private ServiceAccountTokenVolume() {}

  static void mount(ObjectNode pod, ResourceOperations operations) {
    if (!(pod.get("spec") instanceof ObjectNode spec)
        || pod.path("metadata").path("annotations").has("kubernetes.io/config.mirror")
        || !automount(spec, serviceAccount(pod, spec, operations))) {
      return;
    }
    String volumeName = null;
    for (JsonNode v : spec.path("volumes")) {
      if (v.path("name").asText("").startsWith(PREFIX)) {
        volumeName = v.path("name").asText();
        break;
      }
    }
    boolean hasVolume = volumeName != null;
    if (!hasVolume) {
      volumeName = PREFIX + suffix(Meta.uid(pod));
    }
    boolean needsVolume = false;
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : spec.path(list)) {
        if (!(c instanceof ObjectNode container)) {
          continue;
        }
        boolean mounted = false;
        for (JsonNode m : container.path("volumeMounts")) {
          mounted |= m.path("mountPath").asText("").equals(MOUNT_PATH);
        }
        if (!mounted) {
          ArrayNode mounts = container.get("volumeMounts") instanceof ArrayNode a ? a : container.putArray("volumeMounts");
          ObjectNode mount = mounts.addObject();
          mount.put("name", volumeName);
          mount.put("readOnly", true);
          mount.put("mountPath", MOUNT_PATH);
          needsVolume = true;
        }
      }
    }
    if (!hasVolume && needsVolume) {
      ArrayNode volumes = spec.get("volumes") instanceof ArrayNode a ? a : spec.putArray("volumes");
      ObjectNode volume = volumes.addObject();
      volume.put("name", volumeName);
      ObjectNode projected = volume.putObject("projected");
      projected.put("defaultMode", 420);
      ArrayNode sources = projected.putArray("sources");
      ObjectNode token = sources.addObject().putObject("serviceAccountToken");
      token.put("expirationSeconds", 3607);
      token.put("path", "token");
      ObjectNode configMap = sources.addObject().putObject("configMap");
      configMap.put("name", "kube-root-ca.crt");
      ObjectNode item = configMap.putArray("items").addObject();
      item.put("key", "ca.crt");
      item.put("path", "ca.crt");
      ObjectNode file = sources.addObject().putObject("downwardAPI").putArray("items").addObject();
      file.put("path", "namespace");
      ObjectNode fieldRef = file.putObject("fieldRef");
      fieldRef.put("apiVersion", "v1");
      fieldRef.put("fieldPath", "metadata.namespace");
    }
  }

  private static JsonNode serviceAccount(ObjectNode pod, ObjectNode spec, ResourceOperations operations) {
    ResourceType accounts = operations.registry().find("", "v1", "serviceaccounts").orElse(null);
    if (accounts == null) {
      return null;
    }
    StoredObject stored = operations.store().get(accounts.storageResource(), Meta.namespace(pod),
        spec.path("serviceAccountName").asText("default"));
    return stored == null ? null : operations.storageTree(stored);
  }

  private static boolean automount(JsonNode spec, JsonNode serviceAccount) {
    if (spec.hasNonNull("automountServiceAccountToken")) {
      return spec.get("automountServiceAccountToken").asBoolean();
    }
    return serviceAccount == null || serviceAccount.path("automountServiceAccountToken").asBoolean(true);
  }

  /** Five characters of the generator's alphabet, taken from the pod's (random) uid. */
  private static String suffix(String uid) {
    long h = 1125899906842597L;
    for (int i = 0; i < uid.length(); i++) {
      h = 31 * h + uid.charAt(i);
    }
    var sb = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      sb.append(ALPHABET.charAt((int) Math.floorMod(h, (long) ALPHABET.length())));
      h = Math.floorDiv(h, ALPHABET.length()) ^ (h << 7);
    }
    return sb.toString();
  }
}
