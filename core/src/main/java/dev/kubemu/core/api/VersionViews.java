package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.registry.ServedVersion;
import dev.kubemu.core.registry.VersionConverter;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.VersionedStore;

/** Converts objects between the version a client speaks and the version the store keeps. */
final class VersionViews {
  private final VersionedStore store;

  VersionViews(VersionedStore store) {
    this.store = store;
  }

  /** A storage-version copy of a client's object; rejects a body of another apiVersion or kind (400). */
  ObjectNode toStorage(ResourceType type, String version, ObjectNode body) {
    ServedVersion served = served(type, version);
    GroupVersionKind expected = type.gvk(version);
    String apiVersion = body.path("apiVersion").asText("");
    String kind = body.path("kind").asText("");
    if (!apiVersion.isEmpty() && !apiVersion.equals(expected.apiVersion())) {
      throw ApiErrors.badRequest("the API version in the data (" + apiVersion + ") does not match the expected API "
          + "version (" + expected.apiVersion() + ")");
    }
    if (!kind.isEmpty() && !kind.equals(expected.kind())) {
      throw ApiErrors.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
          + expected.kind() + ")");
    }
    ObjectNode converted = served.converter().toStorage(body.deepCopy());
    return withTypeMeta(converted, type.storageKind());
  }

  /** Converts a private storage-version copy into {@code version}. */
  ObjectNode fromStorage(ResourceType type, String version, ObjectNode stored) {
    ObjectNode converted = served(type, version).converter().fromStorage(stored);
    return withTypeMeta(converted, type.gvk(version));
  }

  ObjectNode render(ResourceType type, String version, StoredObject stored) {
    return fromStorage(type, version, store.mutableTree(stored));
  }

  byte[] encode(ResourceType type, String version, StoredObject stored) {
    return servesStoredBytes(type, version) ? stored.json() : Json.bytes(render(type, version, stored));
  }

  /** Whether {@code version} of {@code type} is the storage shape, so that its wire bytes are the stored bytes. */
  boolean servesStoredBytes(ResourceType type, String version) {
    return served(type, version).converter() == VersionConverter.IDENTITY
        && type.storageKind().equals(type.gvk(version));
  }

  private static ServedVersion served(ResourceType type, String version) {
    return type.version(version).orElseThrow(ApiErrors::notFoundPath);
  }

  /** Puts {@code kind} and {@code apiVersion} first, as kube-apiserver's encoder orders them. */
  private static ObjectNode withTypeMeta(ObjectNode object, GroupVersionKind gvk) {
    if (gvk.kind().equals(object.path("kind").asText()) && gvk.apiVersion().equals(object.path("apiVersion").asText())
        && "kind".equals(object.fieldNames().next())) {
      return object;
    }
    ObjectNode ordered = Json.object();
    ordered.put("kind", gvk.kind());
    ordered.put("apiVersion", gvk.apiVersion());
    object.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("kind") && !e.getKey().equals("apiVersion")) {
        ordered.set(e.getKey(), e.getValue());
      }
    });
    return ordered;
  }
}
