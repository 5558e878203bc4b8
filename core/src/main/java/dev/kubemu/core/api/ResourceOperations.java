package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.patch.JsonPatch;
import dev.kubemu.core.patch.MergePatch;
import dev.kubemu.core.patch.PatchMeta;
import dev.kubemu.core.patch.PatchException;
import dev.kubemu.core.patch.StrategicMergePatch;
import dev.kubemu.core.registry.ResourceRegistry;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoreConflictException;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.VersionedStore;
import dev.kubemu.core.store.WatchEvent;
import dev.kubemu.core.store.WatchSubscription;
import dev.kubemu.core.time.Clock;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The one read/write pipeline of the emulator. HTTP handlers and in-process controllers call it alike, so both get the
 * same conversion, system metadata, admission, defaulting, validation, optimistic concurrency and no-op detection,
 * in the order kube-apiserver's generic registry applies them. Per-kind behaviour comes from each type's
 * {@link ResourceStrategy}. Thread-safe; never blocks on I/O.
 */
public final class ResourceOperations {
  private static final String GENERATE_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int MAX_CONFLICT_RETRIES = 16;

  private final ResourceRegistry registry;
  private final VersionedStore store;
  private final Clock clock;
  private final List<AdmissionPlugin> admission;
  private final RandomGenerator random;
  private final VersionViews views;
  private final Selection selection;
  private final FieldOwnership ownership;

  public ResourceOperations(ResourceRegistry registry, VersionedStore store, Clock clock,
      List<AdmissionPlugin> admission) {
    this(registry, store, clock, admission, new SecureRandom());
  }

  public ResourceOperations(ResourceRegistry registry, VersionedStore store, Clock clock,
      List<AdmissionPlugin> admission, RandomGenerator random) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.admission = List.copyOf(admission);
    this.random = random;
    this.views = new VersionViews(store);
    this.selection = new Selection(store);
    this.ownership = new FieldOwnership(views);
  }

  public ResourceRegistry registry() {
    return registry;
  }

  public VersionedStore store() {
    return store;
  }

  public Clock clock() {
    return clock;
  }

  // ---------------------------------------------------------------------------------------------- reads

  /** The stored object or 404. */
  public StoredObject get(ResourceType type, String namespace, String name) {
    StoredObject stored = store.get(type.storageResource(), nsKey(type, namespace), name);
    if (stored == null) {
      throw ApiErrors.notFound(type.groupResource(), name);
    }
    return stored;
  }

  /** The stored object decoded (read-only) or 404. */
  public JsonNode getTree(ResourceType type, String namespace, String name) {
    return store.tree(get(type, namespace, name));
  }

  /** The result of a write that stored (or kept) {@code revision}, answered in {@code version}. */
  private WriteResult written(ResourceType type, String version, StoredObject revision, boolean created,
      boolean removed) {
    return new WriteResult(revision, () -> render(type, version, revision), () -> encode(type, version, revision),
        created, removed);
  }

  /** A private copy of {@code stored} in {@code version}, with {@code apiVersion} and {@code kind} of that version. */
  public ObjectNode render(ResourceType type, String version, StoredObject stored) {
    return views.render(type, version, stored);
  }

  /** The bytes of {@code stored} in {@code version}; no decoding when that is the storage version. */
  public byte[] encode(ResourceType type, String version, StoredObject stored) {
    return views.encode(type, version, stored);
  }

  /** Whether {@link #encode} of {@code version} is the stored bytes as they are (no conversion, no copy). */
  public boolean servesStoredBytes(ResourceType type, String version) {
    return views.servesStoredBytes(type, version);
  }

  /** The object in the shape printer columns and field selectors read (storage version, read-only). */
  public JsonNode storageTree(StoredObject stored) {
    return store.tree(stored);
  }

  public ListResult list(ResourceType type, String namespace, ListOptions options) {
    return selection.list(type, nsFilter(type, namespace), options);
  }

  /**
   * Watches objects matching {@code options} from {@code options.resourceVersion()}; label and field selector
   * transitions turn into ADDED and DELETED events as kube-apiserver's watch does.
   */
  public WatchSubscription watch(ResourceType type, String namespace, ListOptions options, Executor executor,
      Consumer<WatchEvent> sink) {
    return selection.watch(type, nsFilter(type, namespace), options, false, executor, sink);
  }

  /**
   * A watch that first streams every matching object as ADDED and then a BOOKMARK marking the end of those initial
   * events ({@code sendInitialEvents=true}, the streaming list client-go 1.35 informers use).
   */
  public WatchSubscription watchWithInitialEvents(ResourceType type, String namespace, ListOptions options,
      Executor executor, Consumer<WatchEvent> sink) {
    return selection.watch(type, nsFilter(type, namespace), options, true, executor, sink);
  }

  // ---------------------------------------------------------------------------------------------- create

  public WriteResult create(ResourceType type, String version, String namespace, ObjectNode body,
      RequestContext request) {
    request.warnings().addAll(BodyDecoding.createOrUpdate(type, version, body, request));
    return createDecoded(type, version, namespace, body, request, false);
  }

  /** A create of a decoded body; {@code applied} when a server-side apply has already set its managedFields. */
  private WriteResult createDecoded(ResourceType type, String version, String namespace, ObjectNode body,
      RequestContext request, boolean applied) {
    ObjectNode object = views.toStorage(type, version, body);
    WriteContext ctx = context(request);
    ObjectNode meta = Meta.metaForWrite(object);
    placeInNamespace(type, namespace, meta);
    boolean generated = meta.path("name").asText("").isEmpty() && !meta.path("generateName").asText("").isEmpty();
    if (meta.path("name").asText("").isEmpty() && !generated) {
      throw ApiErrors.invalid(type.group(), type.kind(), "",
          List.of(FieldError.required("metadata.name", "name or generateName is required")));
    }
    setSystemMetadataForCreate(type, meta, ctx);
    if (!applied) {
      // kube-apiserver records field ownership on the decoded, defaulted object, before admission and the strategy
      type.strategy().applyDecodingDefaults(object, ctx);
      ownership.recordUpdate(type, version, FieldOwnership.Part.MAIN, null, object, request.manager(), ctx.now());
    }
    type.strategy().prepareForCreate(object, ctx);
    for (AdmissionPlugin plugin : admission) {
      plugin.admitCreate(type, object, ctx);
    }
    type.strategy().applyDefaults(object, ctx);
    for (int attempt = 0; ; attempt++) {
      if (generated) {
        meta.put("name", meta.path("generateName").asText() + randomSuffix());
      }
      validate(type, object, type.strategy().validate(object, ctx));
      if (request.dryRun()) {
        return new WriteResult(views.fromStorage(type, version, object.deepCopy()), true, false);
      }
      try {
        // the store keeps the tree only when the write succeeds; after a conflict the retry may still rename it
        StoredObject stored = store.compareAndSet(type.storageResource(), Meta.namespace(object), Meta.name(object),
            null, object);
        return written(type, version, stored, true, false);
      } catch (StoreConflictException e) {
        if (!generated || attempt >= 8) {
          throw ApiErrors.alreadyExists(type.groupResource(), Meta.name(object));
        }
      }
    }
  }

  private void setSystemMetadataForCreate(ResourceType type, ObjectNode meta, WriteContext ctx) {
    meta.put("uid", randomUuid().toString());
    meta.put("creationTimestamp", Timestamps.format(ctx.now()));
    meta.remove(List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"));
    if (type.strategy().tracksGeneration()) {
      meta.put("generation", 1);
    } else {
      meta.remove("generation");
    }
  }

  private void placeInNamespace(ResourceType type, String namespace, ObjectNode meta) {
    if (type.namespaced()) {
      String inBody = meta.path("namespace").asText("");
      if (namespace == null || namespace.isEmpty()) {
        throw ApiErrors.badRequest("the server could not find the requested resource");
      }
      if (!inBody.isEmpty() && !inBody.equals(namespace)) {
        throw ApiErrors.badRequest("the namespace of the provided object does not match the namespace sent on the "
            + "request");
      }
      meta.put("namespace", namespace);
    } else {
      meta.remove("namespace");
    }
  }

  // ---------------------------------------------------------------------------------------------- update

  /** PUT: replaces the object (or only its status, for {@link Target#STATUS}). */
  public WriteResult update(ResourceType type, String version, String namespace, String name, ObjectNode body,
      RequestContext request, Target target) {
    request.warnings().addAll(BodyDecoding.createOrUpdate(type, version, body, request));
    return updateDecoded(type, version, namespace, name, body, request, target);
  }

  private WriteResult updateDecoded(ResourceType type, String version, String namespace, String name,
      ObjectNode body, RequestContext request, Target target) {
    ObjectNode incoming = views.toStorage(type, version, body);
    requireUrlName(type, namespace, name, incoming);
    String requiredRv = Meta.resourceVersion(incoming);
    for (int attempt = 0; ; attempt++) {
      StoredObject current = store.get(type.storageResource(), nsKey(type, namespace), name);
      if (current == null) {
        if (type.strategy().allowCreateOnUpdate() && target == Target.MAIN) {
          // after a failed attempt the pipeline has filled incoming in (carried metadata, allocated fields)
          ObjectNode fresh = attempt == 0 ? incoming : views.toStorage(type, version, body);
          Meta.metaForWrite(fresh).put("name", name);
          return createDecoded(type, type.storageVersion(), namespace, fresh, request, false);
        }
        throw ApiErrors.notFound(type.groupResource(), name);
      }
      if (!requiredRv.isEmpty() && !requiredRv.equals(Long.toString(current.resourceVersion()))) {
        throw ApiErrors.staleResourceVersion(type.groupResource(), name);
      }
      // the pipeline changes the object it is given: a retry starts again from a fresh copy of the body
      ObjectNode attemptObject = attempt == 0 ? incoming : views.toStorage(type, version, body);
      try {
        return commitUpdate(type, version, current, attemptObject, request, target, part(target));
      } catch (StoreConflictException e) {
        if (!requiredRv.isEmpty() || attempt >= MAX_CONFLICT_RETRIES) {
          throw ApiErrors.staleResourceVersion(type.groupResource(), name);
        }
      }
    }
  }

  /** PATCH of the main resource or its status. */
  public WriteResult patch(ResourceType type, String version, String namespace, String name, PatchType patchType,
      JsonNode patch, RequestContext request, Target target) {
    if (request.force()) {
      throw ApiErrors.invalid("meta.k8s.io", "PatchOptions", "",
          List.of(FieldError.forbidden("force", "may not be specified for non-apply patch")));
    }
    for (int attempt = 0; ; attempt++) {
      StoredObject current = get(type, namespace, name);
      ObjectNode currentView = render(type, version, current);
      JsonNode patched = applyPatch(type, version, patchType, currentView, patch);
      if (!patched.isObject()) {
        throw ApiErrors.badRequest("the patch did not produce an object");
      }
      request.warnings().addAll(BodyDecoding.patched(type, version, patchType, patch, (ObjectNode) patched, request));
      ObjectNode incoming = views.toStorage(type, version, (ObjectNode) patched);
      String patchedRv = Meta.resourceVersion(incoming);
      boolean patchPinsRv = !patchedRv.isEmpty() && !patchedRv.equals(Long.toString(current.resourceVersion()));
      if (patchPinsRv) {
        throw ApiErrors.staleResourceVersion(type.groupResource(), name);
      }
      requireUrlName(type, namespace, name, incoming);
      try {
        return commitUpdate(type, version, current, incoming, request, target, part(target));
      } catch (StoreConflictException e) {
        if (attempt >= MAX_CONFLICT_RETRIES) {
          throw ApiErrors.staleResourceVersion(type.groupResource(), name);
        }
      }
    }
  }

  private JsonNode applyPatch(ResourceType type, String version, PatchType patchType, ObjectNode current,
      JsonNode patch) {
    try {
      return switch (patchType) {
        case JSON -> JsonPatch.apply(current, patch);
        case MERGE -> MergePatch.apply(current, patch);
        case STRATEGIC -> StrategicMergePatch.apply(current, patch,
            PatchMeta.of(type.schema(version).orElse(null)));
        case APPLY_YAML -> throw ApiErrors.unsupportedMediaType(patchType.mediaType());
      };
    } catch (PatchException e) {
      if (patchType == PatchType.JSON) {
        throw ApiErrors.invalidRequest(e.getMessage());
      }
      throw ApiErrors.badRequest(e.getMessage());
    }
  }

  /**
   * PATCH with {@code application/apply-patch+yaml}: a server-side apply of {@code config} by the request's field
   * manager to the object ({@link Target#MAIN}, creating it when it does not exist) or to its status
   * ({@link Target#STATUS}: only status changes, and the entries recorded name the subresource). Conflicts with
   * other managers are 409s unless the request forces.
   */
  public WriteResult apply(ResourceType type, String version, String namespace, String name, ObjectNode config,
      RequestContext request, Target target) {
    ApplyDecoding.requireFieldManager(request);
    FieldOwnership.Part part = target == Target.STATUS ? FieldOwnership.Part.STATUS : FieldOwnership.Part.MAIN;
    for (int attempt = 0; ; attempt++) {
      StoredObject current = store.get(type.storageResource(), nsKey(type, namespace), name);
      if (current == null && target != Target.MAIN) {
        // a subresource never creates its object
        throw ApiErrors.notFound(type.groupResource(), name);
      }
      ObjectNode merged = ownership.apply(type, version, part, current == null ? null : store.mutableTree(current),
          config.deepCopy(), request.fieldManager(), request.force(), clock.now());
      ApplyDecoding.checkDuplicates(request);
      type.schema(type.storageVersion()).ifPresent(schema ->
          dev.kubemu.core.schema.GoNormalization.normalize(schema, merged));
      requireUrlName(type, namespace, name, merged);
      if (current == null) {
        try {
          return createDecoded(type, type.storageVersion(), namespace, merged, request, true);
        } catch (dev.kubemu.core.errors.ApiException e) {
          if (e.code() != 409 || !"AlreadyExists".equals(e.reason()) || attempt >= MAX_CONFLICT_RETRIES) {
            throw e;
          }
          continue;
        }
      }
      try {
        return commitUpdate(type, version, current, merged, request, target, null);
      } catch (StoreConflictException e) {
        if (attempt >= MAX_CONFLICT_RETRIES) {
          throw ApiErrors.staleResourceVersion(type.groupResource(), name);
        }
      }
    }
  }

  /**
   * What kube-apiserver checks of an updated, patched or applied object against its URL, in its order: the same
   * namespace (or none), then a name, the URL's.
   */
  private static void requireUrlName(ResourceType type, String namespace, String name, ObjectNode object) {
    String objectNamespace = Meta.namespace(object);
    if (type.namespaced() && !objectNamespace.isEmpty() && !objectNamespace.equals(namespace)) {
      throw ApiErrors.badRequest("the namespace of the provided object does not match the namespace sent on the "
          + "request");
    }
    String objectName = Meta.name(object);
    if (objectName.isEmpty()) {
      throw ApiErrors.badRequest("the name of the object (" + name + " based on URL) was undeterminable: name must "
          + "be provided");
    }
    if (!objectName.equals(name)) {
      throw ApiErrors.badRequest("the name of the object (" + objectName + ") does not match the name on the URL ("
          + name + ")");
    }
  }

  /**
   * Updates an object a controller read, in one attempt: throws a 409 Conflict when it changed meanwhile, so the
   * controller re-reads and reconciles again. For {@link Target#STATUS} only the status of {@code next} is read.
   */
  public WriteResult updateStored(ResourceType type, StoredObject expected, ObjectNode next, RequestContext request,
      Target target) {
    try {
      return commitUpdate(type, type.storageVersion(), expected, next, request, target, part(target));
    } catch (StoreConflictException e) {
      throw ApiErrors.staleResourceVersion(type.groupResource(), expected.name());
    }
  }

  /** Which managedFields entries a write of {@code target} records; none for server-side subresources. */
  private static FieldOwnership.Part part(Target target) {
    return switch (target) {
      case MAIN -> FieldOwnership.Part.MAIN;
      case STATUS -> FieldOwnership.Part.STATUS;
      case WHOLE -> null;
    };
  }

  /**
   * Stores an update of {@code current}. {@code ownership} names the managedFields entries to record, or is null when
   * they are already set (server-side apply) or not kept (server-side subresources).
   */
  private WriteResult commitUpdate(ResourceType type, String version, StoredObject current, ObjectNode object,
      RequestContext request, Target target, FieldOwnership.Part ownershipPart) {
    WriteContext ctx = context(request);
    // the stored revision's shared tree, read-only: every step below only reads it, and copies what it moves over
    ObjectNode old = (ObjectNode) store.tree(current);
    ObjectNode next = target == Target.STATUS ? statusOnly(old, object, ownershipPart == null) : object;
    ObjectNode meta = Meta.metaForWrite(next);
    if (target != Target.WHOLE) {
      carrySystemMetadata(old.path("metadata"), meta);
    }
    if (target == Target.MAIN) {
      if (type.hasStatusSubresource()) {
        copyField(old, next, "status");
      }
      type.strategy().prepareForUpdate(next, old, ctx);
    } else if (target == Target.STATUS) {
      type.strategy().prepareForStatusUpdate(next, old, ctx);
    }
    for (AdmissionPlugin plugin : admission) {
      plugin.admitUpdate(type, next, old, ctx);
    }
    type.strategy().applyDefaults(next, ctx);
    if (ownershipPart != null) {
      ownership.recordUpdate(type, version, ownershipPart, old, next, request.manager(), ctx.now());
    }
    if (type.strategy().tracksGeneration() && !Objects.equals(old.get("spec"), next.get("spec"))) {
      meta.put("generation", old.path("metadata").path("generation").asLong(0) + 1);
    }
    if (next.equals(old)) {
      return written(type, version, current, false, false);
    }
    validate(type, next, type.strategy().validateUpdate(next, old, ctx));
    if (request.dryRun()) {
      return new WriteResult(views.fromStorage(type, version, next), false, false);
    }
    if (deletesDuringUpdate(old, next)) {
      StoredObject gone = store.compareAndSet(type.storageResource(), current.namespace(), current.name(), current,
          null);
      type.strategy().afterDelete(store.tree(gone), ctx);
      return written(type, version, gone, false, true);
    }
    StoredObject stored = store.compareAndSet(type.storageResource(), current.namespace(), current.name(), current,
        next);
    return written(type, version, stored, false, false);
  }

  /** {@code old} with the status of {@code incoming}, and its managedFields when an apply has already set them. */
  private static ObjectNode statusOnly(ObjectNode old, ObjectNode incoming, boolean managedFieldsSet) {
    ObjectNode next = old.deepCopy();
    copyField(incoming, next, "status");
    if (managedFieldsSet) {
      copyField(Meta.metaForWrite(incoming), Meta.metaForWrite(next), "managedFields");
    }
    return next;
  }

  /**
   * Copies deeply, and must: status writers (kubelets, the ReplicaSet controller) build their status from nodes of the
   * stored revision, which would otherwise end up shared between the old revision and the new one.
   */
  private static void copyField(ObjectNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value == null) {
      to.remove(field);
    } else {
      to.set(field, value.deepCopy());
    }
  }

  /** Fields only the server sets; what the client sent for them is ignored. */
  private static void carrySystemMetadata(JsonNode oldMeta, ObjectNode meta) {
    for (String field : List.of("uid", "creationTimestamp", "generation", "deletionTimestamp",
        "deletionGracePeriodSeconds", "namespace", "name", "resourceVersion")) {
      JsonNode value = oldMeta.get(field);
      if (value == null) {
        meta.remove(field);
      } else {
        meta.set(field, value);
      }
    }
    meta.remove("selfLink");
  }

  /**
   * kube-apiserver's shouldDeleteDuringUpdate: an update that leaves no finalizers on an object being deleted removes
   * it, but only when its deletion has no grace period left (a terminating pod waits for its kubelet).
   */
  private static boolean deletesDuringUpdate(JsonNode old, JsonNode next) {
    if (hasFinalizers(next) || !Meta.deleting(old)) {
      return false;
    }
    JsonNode grace = old.path("metadata").get("deletionGracePeriodSeconds");
    return grace == null || grace.isNull() || grace.asLong() == 0;
  }

  private static boolean hasFinalizers(JsonNode object) {
    JsonNode f = object.path("metadata").path("finalizers");
    return f.isArray() && !f.isEmpty();
  }

  // ---------------------------------------------------------------------------------------------- delete

  /**
   * DELETE: removes the object, or marks it for deletion when the strategy defers it (finalizers, graceful pod
   * termination).
   */
  public WriteResult delete(ResourceType type, String version, String namespace, String name, DeleteOptions options,
      RequestContext request) {
    WriteContext ctx = context(request);
    for (int attempt = 0; ; attempt++) {
      StoredObject current = get(type, namespace, name);
      ObjectNode object = store.mutableTree(current);
      checkPreconditions(type, name, object, options);
      addPropagationFinalizer(object, options.propagationPolicy());
      ObjectNode kept = type.strategy().deferDeletion(object, options, ctx);
      if (kept != null && kept.equals(store.tree(current))) {
        return written(type, version, current, false, false);
      }
      if (options.dryRun() || request.dryRun()) {
        return new WriteResult(views.fromStorage(type, version, kept != null ? kept : object), false, kept == null);
      }
      try {
        if (kept != null) {
          StoredObject stored = store.compareAndSet(type.storageResource(), current.namespace(), name, current, kept);
          return written(type, version, stored, false, false);
        }
        StoredObject gone = store.compareAndSet(type.storageResource(), current.namespace(), name, current, null);
        type.strategy().afterDelete(store.tree(gone), ctx);
        return written(type, version, gone, false, true);
      } catch (StoreConflictException e) {
        if (attempt >= MAX_CONFLICT_RETRIES) {
          throw ApiErrors.staleResourceVersion(type.groupResource(), name);
        }
      }
    }
  }

  /** Finalizer the garbage collector acts on for {@code Orphan} and {@code Foreground} deletion. */
  public static final String ORPHAN_FINALIZER = "orphan";
  public static final String FOREGROUND_FINALIZER = "foregroundDeletion";

  /**
   * Orphan and Foreground deletion keep the object (with a finalizer) until the garbage collector has orphaned or
   * deleted its dependents; Background deletes it at once and lets the collector follow.
   */
  private static void addPropagationFinalizer(ObjectNode object, String policy) {
    String finalizer = "Orphan".equals(policy) ? ORPHAN_FINALIZER
        : "Foreground".equals(policy) ? FOREGROUND_FINALIZER : null;
    if (finalizer == null || Meta.deleting(object)) {
      return;
    }
    ObjectNode meta = Meta.metaForWrite(object);
    var finalizers = meta.get("finalizers") instanceof com.fasterxml.jackson.databind.node.ArrayNode a ? a
        : meta.putArray("finalizers");
    for (JsonNode f : finalizers) {
      if (f.asText().equals(finalizer)) {
        return;
      }
    }
    finalizers.add(finalizer);
  }

  private static void checkPreconditions(ResourceType type, String name, JsonNode object, DeleteOptions options) {
    if (options.preconditionUid() != null && !options.preconditionUid().equals(Meta.uid(object))) {
      throw ApiErrors.conflict(type.groupResource(), name, "Precondition failed: UID in precondition: "
          + options.preconditionUid() + ", UID in object meta: " + Meta.uid(object));
    }
    if (options.preconditionResourceVersion() != null
        && !options.preconditionResourceVersion().equals(Meta.resourceVersion(object))) {
      throw ApiErrors.conflict(type.groupResource(), name, "Precondition failed: ResourceVersion in precondition: "
          + options.preconditionResourceVersion() + ", ResourceVersion in object meta: "
          + Meta.resourceVersion(object));
    }
  }

  /**
   * A controller's delete: what is already gone needs no deleting, so 404 is not an error. Returns whether this call
   * found the object.
   */
  public boolean deleteIfPresent(ResourceType type, String namespace, String name, DeleteOptions options,
      RequestContext request) {
    try {
      delete(type, type.storageVersion(), namespace, name, options, request);
      return true;
    } catch (dev.kubemu.core.errors.ApiException e) {
      if (e.code() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** DELETE on a collection: deletes every object the options select, returning what was deleted. */
  public List<ObjectNode> deleteCollection(ResourceType type, String version, String namespace, ListOptions options,
      DeleteOptions deleteOptions, RequestContext request) {
    var deleted = new ArrayList<ObjectNode>();
    for (StoredObject o : list(type, namespace, options).items()) {
      try {
        deleted.add(delete(type, version, o.namespace(), o.name(), deleteOptions, request).object());
      } catch (dev.kubemu.core.errors.ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
    return deleted;
  }

  // ---------------------------------------------------------------------------------------------- scale

  /** The {@code autoscaling/v1 Scale} view of a scalable object. */
  public ObjectNode getScale(ResourceType type, String namespace, String name) {
    return ScaleView.of(type, store.tree(get(type, namespace, name)));
  }

  /** PUT {@code /scale}: sets the replicas, honouring the Scale's resourceVersion as a precondition. */
  public ObjectNode updateScale(ResourceType type, String namespace, String name, ObjectNode scale,
      RequestContext request) {
    var spec = type.scale().orElseThrow(() -> ApiErrors.notFoundPath());
    for (int attempt = 0; ; attempt++) {
      StoredObject current = get(type, namespace, name);
      String rv = Meta.resourceVersion(scale);
      if (!rv.isEmpty() && !rv.equals(Long.toString(current.resourceVersion()))) {
        throw ApiErrors.staleResourceVersion(type.groupResource(), name);
      }
      ScaleView.validate(scale, name);
      ObjectNode next = store.mutableTree(current);
      ScaleView.setReplicas(next, spec, scale.path("spec").path("replicas").asLong(0));
      try {
        WriteResult result = commitUpdate(type, type.storageVersion(), current, next, request, Target.MAIN,
            FieldOwnership.Part.SCALE);
        return ScaleView.of(type, views.toStorage(type, type.storageVersion(), result.object()));
      } catch (StoreConflictException e) {
        if (!rv.isEmpty() || attempt >= MAX_CONFLICT_RETRIES) {
          throw ApiErrors.staleResourceVersion(type.groupResource(), name);
        }
      }
    }
  }

  /** PATCH {@code /scale}. */
  public ObjectNode patchScale(ResourceType type, String namespace, String name, PatchType patchType, JsonNode patch,
      RequestContext request) {
    if (patchType == PatchType.APPLY_YAML) {
      if (!(patch instanceof ObjectNode config)) {
        throw ApiErrors.badRequest("the apply configuration is not an object");
      }
      return applyScale(type, namespace, name, config, request);
    }
    ObjectNode scale = getScale(type, namespace, name);
    JsonNode patched = switch (patchType) {
      case JSON -> applyScalePatch(() -> JsonPatch.apply(scale, patch), true);
      case MERGE, STRATEGIC -> applyScalePatch(() -> MergePatch.apply(scale, patch), false);
      case APPLY_YAML -> throw new IllegalStateException("handled above");
    };
    return updateScale(type, namespace, name, (ObjectNode) patched, request);
  }

  /**
   * PATCH {@code /scale} with {@code application/apply-patch+yaml}: a server-side apply of an {@code autoscaling/v1
   * Scale}. Only its replicas reach the object; its manager's entry records them on the object, for the
   * {@code scale} subresource, and conflicts are with whoever else owns the replicas.
   */
  public ObjectNode applyScale(ResourceType type, String namespace, String name, ObjectNode config,
      RequestContext request) {
    ApplyDecoding.requireFieldManager(request);
    String version = type.storageVersion();
    for (int attempt = 0; ; attempt++) {
      StoredObject current = get(type, namespace, name);
      // the checks kube-apiserver's field manager makes of the Scale, in its order
      FieldOwnership.requireKind(config, ScaleView.GVK);
      ScaleView.requireNoManagedFields(config);
      ObjectNode scale = config.deepCopy();
      ScaleView.schema().ifPresent(schema -> {
        dev.kubemu.core.managedfields.TypedValidation.check(schema, config);
        ApplyDecoding.convertMerged(schema, config, scale, ScaleView.GVK);
      });
      ObjectNode objectConfig = ScaleView.appliedToObject(type, version, scale);
      ObjectNode merged = ownership.apply(type, version, FieldOwnership.Part.SCALE, store.mutableTree(current),
          objectConfig, request.fieldManager(), request.force(), clock.now());
      ApplyDecoding.checkDuplicates(request);
      requireUrlName(type, namespace, name, merged);
      ScaleView.validate(ScaleView.of(type, merged), name);
      try {
        WriteResult result = commitUpdate(type, version, current, merged, request, Target.MAIN, null);
        return ScaleView.of(type, views.toStorage(type, version, result.object()));
      } catch (StoreConflictException e) {
        if (attempt >= MAX_CONFLICT_RETRIES) {
          throw ApiErrors.staleResourceVersion(type.groupResource(), name);
        }
      }
    }
  }

  private static JsonNode applyScalePatch(java.util.function.Supplier<JsonNode> patcher, boolean jsonPatch) {
    try {
      return patcher.get();
    } catch (PatchException e) {
      throw jsonPatch ? ApiErrors.invalidRequest(e.getMessage()) : ApiErrors.badRequest(e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------- helpers

  private WriteContext context(RequestContext request) {
    return new WriteContext(request, clock.now(), this);
  }

  private void validate(ResourceType type, ObjectNode object, List<FieldError> kindErrors) {
    var errors = new ArrayList<FieldError>();
    // kube-apiserver validates ObjectMeta first, so its errors lead the list
    errors.addAll(ObjectMetaValidation.validate(object, type.strategy().nameRule()));
    errors.addAll(kindErrors);
    if (!errors.isEmpty()) {
      throw ApiErrors.invalid(type.group(), type.kind(), Meta.name(object), errors);
    }
  }

  private static String nsKey(ResourceType type, String namespace) {
    return type.namespaced() ? Objects.requireNonNullElse(namespace, "") : "";
  }

  private static String nsFilter(ResourceType type, String namespace) {
    return type.namespaced() && namespace != null && !namespace.isEmpty() ? namespace : null;
  }

  /** Five characters of kube-apiserver's name-suffix alphabet (generateName, generated volume names). */
  public String randomSuffix() {
    var sb = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      sb.append(GENERATE_NAME_ALPHABET.charAt(random.nextInt(GENERATE_NAME_ALPHABET.length())));
    }
    return sb.toString();
  }

  /** A version 4 UUID from the injected random source (deterministic in tests that seed it). */
  public UUID randomUuid() {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }
}
