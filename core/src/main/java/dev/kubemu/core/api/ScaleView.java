package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.registry.ScaleSpec;
import dev.kubemu.core.schema.Schema;
import dev.kubemu.core.schema.SchemaCatalog;
import java.util.List;
import java.util.Optional;

/** The {@code autoscaling/v1 Scale} view over a scalable object (two-way, through its {@link ScaleSpec}). */
final class ScaleView {
  static final GroupVersionKind GVK = new GroupVersionKind("autoscaling", "v1", "Scale");

  private ScaleView() {}

  static ObjectNode of(ResourceType type, JsonNode object) {
    ScaleSpec spec = type.scale().orElseThrow(ApiErrors::notFoundPath);
    ObjectNode scale = Json.object();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    JsonNode m = object.path("metadata");
    for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (m.has(f)) {
        meta.set(f, m.get(f));
      }
    }
    scale.putObject("spec").put("replicas", object.at(spec.specReplicasPath()).asLong(0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", object.at(spec.statusReplicasPath()).asLong(0));
    JsonNode selector = object.at(spec.labelSelectorPath());
    if (!selector.isMissingNode()) {
      status.put("selector", LabelSelector.fromJson(selector).toString());
    }
    return scale;
  }

  static void validate(JsonNode scale, String name) {
    JsonNode replicas = scale.path("spec").path("replicas");
    if (replicas.isNumber() && replicas.asLong() < 0) {
      throw ApiErrors.invalid("autoscaling", "Scale", name,
          List.of(FieldError.invalid("spec.replicas", replicas.asLong(), "must be greater than or equal to 0")));
    }
  }

  static void setReplicas(ObjectNode object, ScaleSpec spec, long replicas) {
    String[] parts = spec.specReplicasPath().substring(1).split("/");
    ObjectNode node = object;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.has(parts[i]) && node.get(parts[i]).isObject() ? (ObjectNode) node.get(parts[i])
          : node.putObject(parts[i]);
    }
    node.put(parts[parts.length - 1], replicas);
  }

  /** The schema of {@code autoscaling/v1 Scale}. */
  static Optional<Schema> schema() {
    return SchemaCatalog.builtin().kind(GVK);
  }

  /** An applied Scale may not set managedFields, as no applied configuration may. */
  static void requireNoManagedFields(JsonNode scaleConfig) {
    JsonNode meta = scaleConfig.path("metadata");
    if (meta.has("managedFields") && !meta.get("managedFields").isNull()) {
      throw ApiErrors.badRequest("metadata.managedFields must be nil");
    }
  }

  /**
   * The configuration of the scaled object that an applied Scale amounts to: its name and namespace, and the replicas
   * when the Scale sets them. kube-apiserver applies the Scale to a Scale view and copies only the replicas back, so
   * nothing else the Scale says reaches the object.
   */
  static ObjectNode appliedToObject(ResourceType type, String version, ObjectNode scaleConfig) {
    ScaleSpec spec = type.scale().orElseThrow(ApiErrors::notFoundPath);
    JsonNode meta = scaleConfig.path("metadata");
    ObjectNode config = Json.object();
    config.put("apiVersion", type.gvk(version).apiVersion());
    config.put("kind", type.gvk(version).kind());
    ObjectNode configMeta = config.putObject("metadata");
    for (String f : List.of("name", "namespace")) {
      if (meta.path(f).isTextual()) {
        configMeta.set(f, meta.get(f));
      }
    }
    JsonNode replicas = scaleConfig.path("spec").path("replicas");
    if (replicas.isNumber()) {
      setReplicas(config, spec, replicas.asLong());
    }
    return config;
  }
}
