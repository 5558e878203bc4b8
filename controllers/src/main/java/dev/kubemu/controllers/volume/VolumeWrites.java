package dev.kubemu.controllers.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Meta;
import java.util.TreeMap;

/**
 * Edits of claim and volume copies the volume controllers and the scheduler share. Pure: they change only the copy
 * they are given.
 */
public final class VolumeWrites {
  private VolumeWrites() {}

  /**
   * Sets an annotation, keeping the keys sorted as kube-apiserver's JSON encoding of the map has them, so what a
   * controller writes reads the same as what a real cluster returns.
   */
  public static void annotate(ObjectNode object, String key, String value) {
    ObjectNode meta = Meta.metaForWrite(object);
    var sorted = new TreeMap<String, JsonNode>();
    if (meta.get("annotations") instanceof ObjectNode existing) {
      existing.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
    }
    sorted.put(key, object.textNode(value));
    ObjectNode annotations = meta.putObject("annotations");
    sorted.forEach(annotations::set);
  }

  /** Removes an annotation, and the annotations map when it empties. */
  static void removeAnnotation(ObjectNode object, String key) {
    if (Meta.metaForWrite(object).get("annotations") instanceof ObjectNode annotations) {
      annotations.remove(key);
      if (annotations.isEmpty()) {
        Meta.metaForWrite(object).remove("annotations");
      }
    }
  }

  /** The reference to a claim a volume's {@code spec.claimRef} holds (client-go's {@code GetReference}). */
  public static ObjectNode claimRef(JsonNode claim) {
    ObjectNode ref = dev.kubemu.core.object.Json.object();
    ref.put("kind", "PersistentVolumeClaim");
    ref.put("namespace", Meta.namespace(claim));
    ref.put("name", Meta.name(claim));
    ref.put("uid", Meta.uid(claim));
    ref.put("apiVersion", "v1");
    ref.put("resourceVersion", Meta.resourceVersion(claim));
    return ref;
  }

  /** Adds the finalizer at the end, or removes every occurrence of it; the list goes when it empties. */
  static void setFinalizer(ObjectNode object, String finalizer, boolean present) {
    ObjectNode meta = Meta.metaForWrite(object);
    var finalizers = meta.get("finalizers") instanceof com.fasterxml.jackson.databind.node.ArrayNode a ? a
        : meta.putArray("finalizers");
    for (int i = finalizers.size() - 1; i >= 0; i--) {
      if (finalizers.get(i).asText().equals(finalizer)) {
        finalizers.remove(i);
      }
    }
    if (present) {
      finalizers.add(finalizer);
    }
    if (finalizers.isEmpty()) {
      meta.remove("finalizers");
    }
  }
}
