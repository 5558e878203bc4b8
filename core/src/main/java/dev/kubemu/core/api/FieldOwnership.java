package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.managedfields.FieldManager;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.schema.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The write pipeline's bookkeeping of {@code metadata.managedFields}: one {@link FieldManager} per resource and
 * subresource, fed objects in the version the client used, so each entry records that version as kube-apiserver
 * does. Objects come and go in the storage version.
 */
final class FieldOwnership {
  /** The subresource a write targets, for the entries it records. */
  enum Part {
    MAIN(""), STATUS("status"), SCALE("scale");

    final String subresource;

    Part(String subresource) {
      this.subresource = subresource;
    }
  }

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final VersionViews views;
  private final Map<String, FieldManager> managers = new ConcurrentHashMap<>();

  FieldOwnership(VersionViews views) {
    this.views = views;
  }

  /**
   * Sets the managedFields of {@code next} (storage version; mutated) for a create ({@code old} null) or update by
   * {@code manager} in {@code version}.
   */
  void recordUpdate(ResourceType type, String version, Part part, ObjectNode old, ObjectNode next, String manager,
      Instant now) {
    if (type.schema(version).isEmpty()) {
      return;
    }
    FieldManager fm = manager(type, part);
    String apiVersion = type.gvk(version).apiVersion();
    if (isStorage(type, version)) {
      fm.update(old, next, manager, apiVersion, Timestamps.format(now));
      return;
    }
    ObjectNode oldView = old == null ? null : views.fromStorage(type, version, old.deepCopy());
    ObjectNode nextView = views.fromStorage(type, version, next.deepCopy());
    fm.update(oldView, nextView, manager, apiVersion, Timestamps.format(now));
    JsonNode managed = nextView.path("metadata").get("managedFields");
    if (managed == null) {
      next.withObject("metadata").remove("managedFields");
    } else {
      next.withObject("metadata").set("managedFields", managed);
    }
  }

  /**
   * The object a server-side apply of {@code config} (in {@code version}) through {@code part} makes of {@code live}
   * (storage version, null when absent), in the storage version with its managedFields; the live object itself
   * (managedFields possibly changed) when nothing else changes. The entries it records name the subresource.
   */
  ObjectNode apply(ResourceType type, String version, Part part, ObjectNode live, ObjectNode config,
      String manager, boolean force, Instant now) {
    requireKind(config, type.gvk(version));
    FieldManager fm = manager(type, part);
    ObjectNode liveView = live == null ? null : views.fromStorage(type, version, live.deepCopy());
    // kube-apiserver applies a Scale to a Scale view, which has no annotations: kubectl's last-applied handling
    // never sees the object's
    JsonNode lastApplied = part == Part.SCALE && liveView != null ? takeLastApplied(liveView) : null;
    ObjectNode result = fm.apply(liveView, config, manager, force, type.gvk(version).apiVersion(),
        Timestamps.format(now));
    type.schema(version).ifPresent(schema -> ApplyDecoding.convertMerged(schema, config, result, type.gvk(version)));
    if (lastApplied != null) {
      result.withObject("metadata").withObject("annotations").set(LAST_APPLIED, lastApplied);
    }
    return views.toStorage(type, version, result);
  }

  /** Removes the annotation, leaving the map it was in (perhaps empty) where it was, so it goes back in place. */
  private static JsonNode takeLastApplied(ObjectNode object) {
    return object.path("metadata").get("annotations") instanceof ObjectNode annotations
        ? annotations.remove(LAST_APPLIED) : null;
  }

  /**
   * kube-apiserver's first check of an applied configuration (its versionCheckManager): it must be of the kind and
   * version the endpoint serves, {@code expected}.
   */
  static void requireKind(JsonNode config, GroupVersionKind expected) {
    GroupVersionKind sent = GroupVersionKind.ofObject(config);
    if (!sent.equals(expected)) {
      throw ApiErrors.badRequest("invalid object type: " + sent.goString());
    }
  }

  private FieldManager manager(ResourceType type, Part part) {
    return managers.computeIfAbsent(type.groupResource() + "/" + part, k -> new FieldManager(
        apiVersion -> schemaOf(type, apiVersion),
        (object, from, to) -> convert(type, object, from, to),
        ignored(type, part),
        part.subresource));
  }

  /**
   * The top-level fields whose changes a part's writers never own, because its writes cannot change them: status on
   * the main resource (when it has a status subresource), everything but status on {@code /status}.
   */
  private static List<String> ignored(ResourceType type, Part part) {
    if (part != Part.STATUS) {
      return type.hasStatusSubresource() ? List.of("status") : List.of();
    }
    var fields = new ArrayList<String>();
    type.schema(type.storageVersion()).ifPresent(schema -> fields.addAll(schema.fields().keySet()));
    fields.remove("status");
    return fields;
  }

  private static Optional<Schema> schemaOf(ResourceType type, String apiVersion) {
    String version = versionOf(type, apiVersion);
    return version == null || type.version(version).isEmpty() ? Optional.empty() : type.schema(version);
  }

  private JsonNode convert(ResourceType type, JsonNode object, String fromApiVersion, String toApiVersion) {
    String from = versionOf(type, fromApiVersion);
    String to = versionOf(type, toApiVersion);
    if (from == null || to == null || type.version(to).isEmpty() || !(object instanceof ObjectNode o)) {
      return null;
    }
    return views.fromStorage(type, to, views.toStorage(type, from, o));
  }

  /** {@code v1} of {@code autoscaling/v1} when the group is the resource's, else null. */
  private static String versionOf(ResourceType type, String apiVersion) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return group.equals(type.group()) ? apiVersion.substring(slash + 1) : null;
  }

  private static boolean isStorage(ResourceType type, String version) {
    return version.equals(type.storageVersion()) && type.storageKind().equals(type.gvk(version));
  }
}
