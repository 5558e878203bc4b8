package dev.kubemu.core.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Keeps {@code metadata.managedFields} as kube-apiserver's field manager does, for one resource (and subresource):
 * updates give their manager the fields they changed, server-side applies merge the applied configuration into the
 * live object, prune what the applier dropped, and fail with conflicts when other managers own what they change.
 * Objects are versioned JSON; the caller supplies the schemas of the versions and converts between them. Also does
 * what kube-apiserver layers around it: metadata fields nobody owns, at most ten update managers
 * ({@code ancient-changes}), {@code before-first-apply}, and kubectl's client-side-apply annotation.
 */
public final class FieldManager {
  private static final int MAX_UPDATE_MANAGERS = 10;
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final FieldSet STRIPPED = FieldSet.of(List.of(
      List.of(PathElement.field("apiVersion")), List.of(PathElement.field("kind")),
      List.of(PathElement.field("metadata")), meta("name"), meta("namespace"), meta("creationTimestamp"),
      meta("selfLink"), meta("uid"), meta("clusterName"), meta("generation"), meta("managedFields"),
      meta("resourceVersion")));

  /** Converts an object between the API versions of the resource; null when {@code to} is not served. */
  public interface Conversion {
    JsonNode convert(JsonNode object, String from, String to);
  }

  private final Function<String, Optional<SmdType>> schemas;
  /** Parsed fieldsV1 keys: the same keys ({@code k:{"type":"Ready"}}) recur on every object of a kind. */
  private final com.github.benmanes.caffeine.cache.Cache<String, PathElement> pathElements =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(20_000).build();
  /**
   * Decoded {@code fieldsV1} of live objects, by node identity, most recently used last. A stored revision's tree is
   * never changed, and a write keeps the node of every entry whose fields it leaves alone (see
   * {@link ManagedFields#encode}), so an object's next write finds most of its entries here instead of parsing them.
   */
  private final Map<IdentityKey, FieldSet> liveFieldSets = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<IdentityKey, FieldSet> eldest) {
      return size() > LIVE_FIELD_SETS;
    }
  };
  private static final int LIVE_FIELD_SETS = 2048;
  private final Conversion conversion;
  private final FieldSet ignored;
  private final String subresource;

  /**
   * @param schemas     the schema of each API version ({@code apps/v1})
   * @param conversion  conversion between versions
   * @param ignored     top-level fields whose changes nobody owns here ({@code status} on a main resource)
   * @param subresource {@code status}, {@code scale}, or empty for the main resource
   */
  public FieldManager(Function<String, Optional<dev.kubemu.core.schema.Schema>> schemas, Conversion conversion,
      List<String> ignored, String subresource) {
    this.schemas = version -> schemas.apply(version).map(SmdType::root);
    this.conversion = conversion;
    var paths = new ArrayList<List<PathElement>>();
    ignored.forEach(f -> paths.add(List.of(PathElement.field(f))));
    this.ignored = FieldSet.of(paths);
    this.subresource = subresource == null ? "" : subresource;
  }

  private static List<PathElement> meta(String field) {
    return List.of(PathElement.field("metadata"), PathElement.field(field));
  }

  // ------------------------------------------------------------------------------------------- update

  /**
   * Records a create ({@code live} null) or update by {@code manager} in {@code apiVersion}: sets the new object's
   * managedFields (mutating it). As kube-apiserver's {@code UpdateNoErrors}, a failure drops the managed fields
   * rather than the write.
   */
  public void update(ObjectNode live, ObjectNode updated, String manager, String apiVersion, String now) {
    try {
      ManagedFields managed = decodeLiveOrNew(live, updated);
      Meta.removeManagedFields(updated);
      boolean creating = live == null || Meta.uid(live).isEmpty();
      if (managed.isEmpty() && !creating) {
        return;
      }
      update(live == null ? emptyLike(updated) : live, updated, managed, manager, apiVersion, now);
      Meta.setManagedFields(updated, managed);
    } catch (RuntimeException e) {
      Meta.removeManagedFields(updated);
    }
  }

  private ManagedFields decodeLiveOrNew(ObjectNode live, ObjectNode updated) {
    if (!subresource.isEmpty() || live == null) {
      return decodeOrEmpty(live);
    }
    JsonNode sent = updated.path("metadata").get("managedFields");
    if (sent != null && sent.isArray() && (sent.isEmpty()
        || sent.size() == 1 && sent.get(0).isObject() && sent.get(0).isEmpty())) {
      return new ManagedFields();
    }
    try {
      ManagedFields fromRequest = ManagedFields.decode(sent, this::parse);
      if (!fromRequest.isEmpty()) {
        return fromRequest;
      }
    } catch (IllegalArgumentException e) {
      // fall back to what the live object says
    }
    return decodeOrEmpty(live);
  }

  private PathElement parse(String key) {
    return pathElements.get(key, PathElement::parse);
  }

  private ManagedFields decodeOrEmpty(ObjectNode object) {
    if (object == null) {
      return new ManagedFields();
    }
    try {
      return ManagedFields.decodeWith(object.path("metadata").get("managedFields"), this::liveFieldSet);
    } catch (IllegalArgumentException e) {
      return new ManagedFields();
    }
  }

  private FieldSet liveFieldSet(JsonNode fieldsV1) {
    var key = new IdentityKey(fieldsV1);
    synchronized (liveFieldSets) {
      FieldSet known = liveFieldSets.get(key);
      if (known != null) {
        return known;
      }
    }
    // sets are immutable once built, so one decoded twice by racing writers is merely decoded twice
    FieldSet set = FieldSet.fromFieldsV1(fieldsV1, this::parse);
    synchronized (liveFieldSets) {
      liveFieldSets.put(key, set);
    }
    return set;
  }

  /** A JSON node compared by identity. */
  private record IdentityKey(JsonNode node) {
    @Override
    public boolean equals(Object o) {
      return o instanceof IdentityKey k && k.node == node;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(node);
    }
  }

  /** The managedFieldsUpdater, capManagers and stripMeta layers around the structured update. */
  private void update(ObjectNode live, ObjectNode updated, ManagedFields managed, String manager, String apiVersion,
      String now) {
    String id = ManagedFields.identifier(managerName(manager), ManagedFields.UPDATE, apiVersion, subresource);
    String self = "current-operation";
    Updater.Typed liveTyped = typed(live, apiVersion);
    Updater.Typed newTyped = typed(updated, apiVersion);
    updater().update(liveTyped, newTyped, apiVersion, managed.fields, self);
    VersionedSet current = managed.fields.remove(self);
    FieldSet changed = current == null ? new FieldSet() : current.set().difference(STRIPPED);
    // a write that only changed metadata nobody owns leaves its manager's entry (and time) as they were
    if (!changed.isEmpty()) {
      VersionedSet previous = managed.fields.get(id);
      FieldSet set = previous == null ? changed : changed.union(previous.set());
      managed.fields.put(id, new VersionedSet(set, current.apiVersion(), current.applied()));
      managed.times.put(id, now);
    }
    capUpdateManagers(managed);
    managed.dropStaleTimes();
  }

  private void capUpdateManagers(ManagedFields managed) {
    var updaters = new ArrayList<String>();
    managed.fields.forEach((id, set) -> {
      if (!set.applied()) {
        updaters.add(id);
      }
    });
    if (updaters.size() <= MAX_UPDATE_MANAGERS) {
      return;
    }
    updaters.sort((a, b) -> {
      int c = managed.times.getOrDefault(a, "").compareTo(managed.times.getOrDefault(b, ""));
      return c != 0 ? c : a.compareTo(b);
    });
    var firstByVersion = new TreeMap<String, String>();
    int length = updaters.size();
    for (int i = 0; i < updaters.size() && length > MAX_UPDATE_MANAGERS; i++) {
      String id = updaters.get(i);
      VersionedSet vs = managed.fields.get(id);
      String version = vs.apiVersion();
      String bucket = ManagedFields.identifier("ancient-changes", ManagedFields.UPDATE, version, "");
      String first = firstByVersion.get(version);
      if (first == null) {
        firstByVersion.put(version, id);
        continue;
      }
      if (!managed.fields.containsKey(bucket)) {
        managed.fields.put(bucket, managed.fields.remove(first));
      }
      managed.fields.put(bucket, new VersionedSet(vs.set().union(managed.fields.get(bucket).set()), version, false));
      managed.fields.remove(id);
      String time = managed.times.get(id);
      if (time == null) {
        managed.times.remove(bucket);
      } else {
        managed.times.put(bucket, time);
      }
      length--;
    }
  }

  // ------------------------------------------------------------------------------------------- apply

  /**
   * A server-side apply of {@code config} by {@code manager}: the new object with its managedFields, or the live
   * object (with possibly changed managedFields) when the apply changes nothing else. {@code live} is null when the
   * object does not exist yet. Throws a 409 Conflict {@link ApiException} naming the conflicting managers and fields
   * unless {@code force}.
   */
  public ObjectNode apply(ObjectNode live, ObjectNode config, String manager, boolean force, String apiVersion,
      String now) {
    if (!config.path("apiVersion").asText("").equals(apiVersion)) {
      throw ApiErrors.badRequest("Incorrect version specified in apply patch. Specified patch version: "
          + config.path("apiVersion").asText("") + ", expected: " + apiVersion);
    }
    if (config.path("metadata").has("managedFields") && !config.path("metadata").get("managedFields").isNull()) {
      throw ApiErrors.badRequest("metadata.managedFields must be nil");
    }
    checkTyped(config, apiVersion);
    ObjectNode liveObject = live == null ? emptyLike(config) : live;
    ManagedFields managed;
    try {
      managed = ManagedFields.decode(liveObject.path("metadata").get("managedFields"), this::parse);
    } catch (IllegalArgumentException e) {
      throw ApiErrors.internal("failed to decode managed fields: " + e.getMessage());
    }
    ObjectNode result;
    try {
      result = applyAllowingLastApplied(liveObject, config, managed, manager, force, apiVersion, now);
    } catch (Updater.ConflictsException e) {
      throw conflictError(e.conflicts());
    }
    if ("kubectl".equals(manager) && hasLastApplied(result)) {
      ObjectNode lastApplied = config.deepCopy();
      ObjectNode annotations = lastApplied.path("metadata").get("annotations") instanceof ObjectNode a ? a : null;
      if (annotations != null) {
        annotations.remove(LAST_APPLIED);
        if (annotations.isEmpty()) {
          ((ObjectNode) lastApplied.get("metadata")).remove("annotations");
        }
      }
      // as kube-apiserver encodes the unstructured configuration: Go's JSON of a map (keys sorted), one line
      ((ObjectNode) result.get("metadata")).withObject("annotations").put(LAST_APPLIED,
          dev.kubemu.core.object.GoJsonText.marshal(lastApplied, true) + "\n");
    }
    return result;
  }

  /** Rejects a configuration that does not convert to its type, as kube-apiserver's typed conversion does. */
  private void checkTyped(ObjectNode config, String apiVersion) {
    schemas.apply(apiVersion).ifPresent(type -> TypedValidation.check(type, config));
  }

  /** kubectl's own apply may take fields its client-side apply set and left as they were (lastAppliedManager). */
  private ObjectNode applyAllowingLastApplied(ObjectNode live, ObjectNode config, ManagedFields managed,
      String manager, boolean force, String apiVersion, String now) {
    ManagedFields backup = copy(managed);
    try {
      return applyFirstTime(live, config, managed, manager, force, apiVersion, now);
    } catch (Updater.ConflictsException e) {
      if (!"kubectl".equals(manager)) {
        throw e;
      }
      FieldSet allowed = allowedFromLastApplied(live, apiVersion);
      if (allowed == null) {
        throw e;
      }
      var remaining = new ArrayList<Conflict>();
      for (Conflict c : e.conflicts()) {
        if (!allowed.has(c.path())) {
          remaining.add(c);
        }
      }
      if (!remaining.isEmpty()) {
        throw new Updater.ConflictsException(remaining);
      }
      managed.fields.clear();
      managed.fields.putAll(backup.fields);
      managed.times.clear();
      managed.times.putAll(backup.times);
      return applyFirstTime(live, config, managed, manager, true, apiVersion, now);
    }
  }

  /** Before the first apply, whoever made the object owns all of it as {@code before-first-apply}. */
  private ObjectNode applyFirstTime(ObjectNode live, ObjectNode config, ManagedFields managed, String manager,
      boolean force, String apiVersion, String now) {
    ObjectNode liveObject = live;
    if (managed.isEmpty()) {
      liveObject = live.deepCopy();
      Meta.removeManagedFields(liveObject);
      update(emptyLike(live), liveObject, managed, "before-first-apply", apiVersion, now);
    }
    String id = ManagedFields.identifier(managerName(manager), ManagedFields.APPLY, apiVersion, subresource);
    Updater.Typed liveTyped = typed(withoutManagedFields(liveObject), apiVersion);
    Updater.Typed configTyped = new Updater.Typed(apiVersion, liveTyped.type(), config);
    JsonNode merged = updater().apply(liveTyped, configTyped, apiVersion, managed.fields, id, force);
    strip(managed, id);
    ObjectNode result;
    if (merged != null) {
      managed.times.put(id, now);
      result = (ObjectNode) merged;
    } else {
      result = withoutManagedFields(live);
    }
    managed.dropStaleTimes();
    Meta.setManagedFields(result, managed);
    return result;
  }

  /** A request that names no manager (no fieldManager, no User-Agent) writes as {@code unknown}. */
  private static String managerName(String manager) {
    return manager == null || manager.isEmpty() ? "unknown" : manager;
  }

  private FieldSet allowedFromLastApplied(ObjectNode live, String apiVersion) {
    String text = live.path("metadata").path("annotations").path(LAST_APPLIED).asText("");
    if (text.isEmpty()) {
      return null;
    }
    try {
      JsonNode lastApplied = Json.MAPPER.readTree(text);
      if (!lastApplied.path("apiVersion").asText("").equals(apiVersion)) {
        return null;
      }
      SmdType type = schemas.apply(apiVersion).orElse(null);
      if (type == null) {
        return null;
      }
      FieldSet set = TypedOps.toFieldSet(type, lastApplied);
      TypedOps.Comparison c = TypedOps.compare(type, lastApplied, TypedOps.Shape.UNSTRUCTURED,
          withoutManagedFields(live), TypedOps.Shape.GO_STRUCT);
      return set.difference(c.modified()).difference(c.added()).difference(c.removed());
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean hasLastApplied(ObjectNode object) {
    return !object.path("metadata").path("annotations").path(LAST_APPLIED).asText("").isEmpty();
  }

  private void strip(ManagedFields managed, String id) {
    VersionedSet vs = managed.fields.get(id);
    if (vs == null) {
      return;
    }
    FieldSet set = vs.set().difference(STRIPPED);
    if (set.isEmpty()) {
      managed.fields.remove(id);
    } else {
      managed.fields.put(id, new VersionedSet(set, vs.apiVersion(), vs.applied()));
    }
  }

  private static ManagedFields copy(ManagedFields m) {
    ManagedFields c = new ManagedFields();
    c.fields.putAll(m.fields);
    c.times.putAll(m.times);
    return c;
  }

  /** The 409 kube-apiserver answers: one cause per conflicting field, managers sorted in the message. */
  static ApiException conflictError(List<Conflict> conflicts) {
    var causes = new ArrayList<ApiException.Cause>();
    for (Conflict c : conflicts) {
      causes.add(new ApiException.Cause("FieldManagerConflict", "conflict with " + printManager(c.manager()),
          FieldPaths.toString(c.path())));
    }
    String message;
    if (conflicts.size() == 1) {
      message = "Apply failed with 1 conflict: conflict with " + printManager(conflicts.get(0).manager()) + ": "
          + FieldPaths.toString(conflicts.get(0).path());
    } else {
      var byManager = new TreeMap<String, List<String>>();
      conflicts.forEach(c -> byManager.computeIfAbsent(c.manager(), k -> new ArrayList<>())
          .add(FieldPaths.toString(c.path())));
      var lines = new ArrayList<String>();
      byManager.forEach((m, paths) -> {
        lines.add("conflicts with " + printManager(m) + ":");
        paths.forEach(p -> lines.add("- " + p));
      });
      message = "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
    }
    return new ApiException(409, "Conflict", message, new ApiException.StatusDetails(null, null, null, causes, 0));
  }

  /** {@code "kubectl-client-side-apply" using apps/v1}, or just the quoted name for appliers. */
  static String printManager(String id) {
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(id);
    } catch (java.io.IOException e) {
      return JsonValues.goQuote(id);
    }
    String text = JsonValues.goQuote(parsed.path("manager").asText());
    if (!parsed.path("subresource").asText("").isEmpty()) {
      text += " with subresource " + JsonValues.goQuote(parsed.path("subresource").asText());
    }
    if (ManagedFields.UPDATE.equals(parsed.path("operation").asText())) {
      return text + " using " + parsed.path("apiVersion").asText();
    }
    return text;
  }

  // ------------------------------------------------------------------------------------------- helpers

  private Updater updater() {
    return new Updater((object, version) -> {
      if (version.equals(object.apiVersion())) {
        return object;
      }
      SmdType type = schemas.apply(version).orElse(null);
      JsonNode converted = type == null || object.value() == null ? null
          : conversion.convert(object.value(), object.apiVersion(), version);
      return converted == null ? null : new Updater.Typed(version, type, converted);
    }, ignored);
  }

  /** The object with its type; comparisons treat fields it leaves out as Go's zero values. */
  private Updater.Typed typed(JsonNode object, String apiVersion) {
    SmdType type = schemas.apply(apiVersion).orElseThrow(
        () -> new IllegalStateException("no schema for " + apiVersion));
    return new Updater.Typed(apiVersion, type, object);
  }

  private static ObjectNode withoutManagedFields(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    Meta.removeManagedFields(copy);
    return copy;
  }

  /** A new, empty object of the same kind (what kube-apiserver's {@code New()} gives). */
  private static ObjectNode emptyLike(ObjectNode object) {
    ObjectNode empty = Json.object();
    empty.put("apiVersion", object.path("apiVersion").asText(""));
    empty.put("kind", object.path("kind").asText(""));
    return empty;
  }

  /** Reading and writing managedFields in metadata. */
  private static final class Meta {
    static String uid(ObjectNode o) {
      return o.path("metadata").path("uid").asText("");
    }

    static void removeManagedFields(ObjectNode o) {
      if (o.get("metadata") instanceof ObjectNode meta) {
        meta.remove("managedFields");
      }
    }

    static void setManagedFields(ObjectNode o, ManagedFields managed) {
      if (managed.isEmpty()) {
        removeManagedFields(o);
        return;
      }
      o.withObject("metadata").set("managedFields", managed.encode());
    }
  }
}
