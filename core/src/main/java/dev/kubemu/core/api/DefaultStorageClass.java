package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * kube-apiserver's DefaultStorageClass admission plugin: a PersistentVolumeClaim created without a class (neither
 * {@code spec.storageClassName} nor the beta class annotation; an empty string is a class, "none") gets the default
 * StorageClass. With several defaults the newest wins, ties going to the first name, as upstream since 1.26; with
 * none the claim keeps no class.
 */
public final class DefaultStorageClass implements AdmissionPlugin {
  public static final String DEFAULT_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
  public static final String BETA_DEFAULT_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class";
  static final String BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

  @Override
  public void admitCreate(ResourceType type, ObjectNode claim, WriteContext ctx) {
    if (!type.group().isEmpty() || !type.kind().equals("PersistentVolumeClaim")) {
      return;
    }
    if (claim.path("metadata").path("annotations").has(BETA_CLASS_ANNOTATION)
        || claim.path("spec").hasNonNull("storageClassName")) {
      return;
    }
    String name = defaultClass(ctx.operations());
    if (name != null) {
      (claim.get("spec") instanceof ObjectNode spec ? spec : claim.putObject("spec")).put("storageClassName", name);
    }
  }

  /** The name of the default StorageClass, or null when no class is marked default. */
  public static String defaultClass(ResourceOperations operations) {
    var type = operations.registry().find("storage.k8s.io", "v1", "storageclasses");
    if (type.isEmpty()) {
      return null;
    }
    var defaults = new ArrayList<JsonNode>();
    for (StoredObject stored : operations.list(type.get(), "", ListOptions.everything()).items()) {
      JsonNode sc = operations.storageTree(stored);
      if (isDefault(sc)) {
        defaults.add(sc);
      }
    }
    return newest(defaults);
  }

  /** The newest of several default classes (by creationTimestamp, then the first name), or null for none. */
  static String newest(List<JsonNode> defaults) {
    return defaults.stream()
        .sorted(Comparator.comparing(DefaultStorageClass::created).reversed().thenComparing(Meta::name))
        .map(Meta::name).findFirst().orElse(null);
  }

  private static Instant created(JsonNode sc) {
    return Timestamps.parse(sc.path("metadata").path("creationTimestamp").asText("")).orElse(Instant.EPOCH);
  }

  /** Whether the class carries the default annotation (or its beta form) with the value {@code "true"}. */
  public static boolean isDefault(JsonNode sc) {
    JsonNode annotations = sc.path("metadata").path("annotations");
    return annotations.path(DEFAULT_ANNOTATION).asText("").equals("true")
        || annotations.path(BETA_DEFAULT_ANNOTATION).asText("").equals("true");
  }
}
