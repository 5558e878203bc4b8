package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.registry.ResourceType;
import java.util.Optional;

/**
 * The ServiceAccount admission plugin on pod creation: a pod without a service account runs as {@code default}, and
 * unless token automounting is turned off (on the pod or its service account) it gets the projected
 * {@code kube-api-access-xxxxx} volume (token, cluster CA, namespace) mounted read-only at
 * {@value #MOUNT_PATH} in every container, as kube-apiserver adds it.
 */
public final class ServiceAccountAdmission implements AdmissionPlugin {
  static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
  private static final long TOKEN_EXPIRATION_SECONDS = 3607;

  @Override
  public void admitCreate(ResourceType type, ObjectNode pod, WriteContext ctx) {
    if (!type.group().isEmpty() || !type.kind().equals("Pod") || !(pod.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    if (pod.path("metadata").path("annotations").has("kubernetes.io/config.mirror")) {
      return;
    }
    String account = spec.path("serviceAccountName").asText("");
    if (account.isEmpty()) {
      account = "default";
      spec.put("serviceAccountName", account);
    }
    if (!automounts(spec, serviceAccount(ctx, pod.path("metadata").path("namespace").asText(""), account))) {
      return;
    }
    if (alreadyMounted(spec)) {
      return;
    }
    String volume = "kube-api-access-" + ctx.operations().randomSuffix();
    ArrayNode volumes = spec.get("volumes") instanceof ArrayNode v ? v : spec.putArray("volumes");
    volumes.add(projectedVolume(volume));
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : spec.path(list)) {
        if (c instanceof ObjectNode container) {
          ArrayNode mounts = container.get("volumeMounts") instanceof ArrayNode m ? m
              : container.putArray("volumeMounts");
          ObjectNode mount = mounts.addObject();
          mount.put("name", volume);
          mount.put("readOnly", true);
          mount.put("mountPath", MOUNT_PATH);
        }
      }
    }
  }

  private static Optional<JsonNode> serviceAccount(WriteContext ctx, String namespace, String name) {
    var type = ctx.operations().registry().find("", "v1", "serviceaccounts");
    if (type.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ctx.operations().getTree(type.get(), namespace, name));
    } catch (ApiException e) {
      return Optional.empty();
    }
  }

  /** The pod's own setting wins; otherwise the service account's; mounting is the default. */
  private static boolean automounts(ObjectNode spec, Optional<JsonNode> account) {
    JsonNode own = spec.get("automountServiceAccountToken");
    if (own != null && own.isBoolean()) {
      return own.asBoolean();
    }
    return account.map(a -> a.path("automountServiceAccountToken"))
        .filter(JsonNode::isBoolean).map(JsonNode::asBoolean).orElse(true);
  }

  private static boolean alreadyMounted(ObjectNode spec) {
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : spec.path(list)) {
        for (JsonNode m : c.path("volumeMounts")) {
          if (m.path("mountPath").asText().equals(MOUNT_PATH)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static ObjectNode projectedVolume(String name) {
    ObjectNode volume = dev.kubemu.core.object.Json.object();
    volume.put("name", name);
    ObjectNode projected = volume.putObject("projected");
    ArrayNode sources = projected.putArray("sources");
    ObjectNode token = sources.addObject().putObject("serviceAccountToken");
    token.put("expirationSeconds", TOKEN_EXPIRATION_SECONDS);
    token.put("path", "token");
    ObjectNode configMap = sources.addObject().putObject("configMap");
    configMap.put("name", "kube-root-ca.crt");
    ObjectNode item = configMap.putArray("items").addObject();
    item.put("key", "ca.crt");
    item.put("path", "ca.crt");
    ObjectNode downward = sources.addObject().putObject("downwardAPI");
    ObjectNode field = downward.putArray("items").addObject();
    ObjectNode ref = field.putObject("fieldRef");
    ref.put("apiVersion", "v1");
    ref.put("fieldPath", "metadata.namespace");
    field.put("path", "namespace");
    projected.put("defaultMode", 420);
    return volume;
  }
}
