package dev.kubemu.controllers.gc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControlLoop;
import dev.kubemu.core.control.WorkQueue;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.GroupResource;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.WatchEvent;
import dev.kubemu.core.store.WatchSubscription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The garbage collector: deletes objects whose owners are all gone (background propagation), deletes the
 * dependents of owners deleted in the foreground and then releases them ({@code foregroundDeletion} finalizer), and
 * orphans the dependents of owners deleted with {@code Orphan} ({@code orphan} finalizer). Dependents are deleted
 * with their own graceful deletion, so pods pass through Terminating.
 */
public final class GarbageCollector implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GarbageCollector.class.getName());

  private final ResourceOperations operations;
  private final ControlLoop loop;
  private final OwnerIndex index = new OwnerIndex();
  private final WorkQueue<ObjectRef> queue;
  private final List<WatchSubscription> subscriptions = new ArrayList<>();
  private final RequestContext request = RequestContext.internal("generic-garbage-collector");
  private boolean drainScheduled;

  public GarbageCollector(ResourceOperations operations, ControlLoop loop) {
    this.operations = operations;
    this.loop = loop;
    this.queue = new WorkQueue<>(operations.clock(), loop::execute);
    var seen = new HashSet<GroupResource>();
    for (ResourceType type : operations.registry().all()) {
      if (!type.verbs().contains("delete") || !seen.add(type.storageResource())) {
        continue;
      }
      subscriptions.add(operations.watch(type, null, ListOptions.everything(), loop, event -> observe(type, event)));
    }
  }

  private void observe(ResourceType type, WatchEvent event) {
    StoredObject o = event.object();
    ObjectRef ref = new ObjectRef(type, o.namespace(), o.name());
    JsonNode tree = operations.storageTree(o);
    if (event.type() == WatchEvent.Type.DELETED) {
      index.update(ref, null);
      index.dependentsOf(Meta.uid(tree)).forEach(queue::add);
      // an owner waiting in the foreground for its dependents may now be free to go
      for (JsonNode owner : tree.path("metadata").path("ownerReferences")) {
        GroupVersionKind gvk = GroupVersionKind.of(owner.path("apiVersion").asText(), owner.path("kind").asText());
        operations.registry().findByKind(gvk.group(), gvk.kind()).ifPresent(t -> queue.add(
            new ObjectRef(t, t.namespaced() ? o.namespace() : "", owner.path("name").asText())));
      }
    } else {
      index.update(ref, tree);
      if (tree.path("metadata").has("ownerReferences") || hasGcFinalizer(tree)) {
        queue.add(ref);
      }
      if (Meta.deleting(tree)) {
        index.dependentsOf(Meta.uid(tree)).forEach(queue::add);
      }
    }
    scheduleDrain();
  }

  private void scheduleDrain() {
    if (!drainScheduled && !queue.isEmpty()) {
      drainScheduled = true;
      loop.execute(this::drain);
    }
  }

  private void drain() {
    drainScheduled = false;
    for (int i = 0; i < 64; i++) {
      ObjectRef ref = queue.poll();
      if (ref == null) {
        break;
      }
      try {
        process(ref);
        queue.forget(ref);
      } catch (ApiException e) {
        if (e.code() != 404) {
          if (e.code() != 409) {
            LOG.log(Level.WARNING, "garbage collector failed on " + ref + ": " + e.getMessage());
          }
          queue.addAfter(ref, queue.backoff(ref), this::scheduleDrain);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "garbage collector failed on " + ref, e);
        queue.addAfter(ref, queue.backoff(ref), this::scheduleDrain);
      } finally {
        queue.done(ref);
      }
    }
    scheduleDrain();
  }

  private void process(ObjectRef ref) {
    StoredObject stored = operations.store().get(ref.type().storageResource(), ref.namespace(), ref.name());
    if (stored == null) {
      return;
    }
    JsonNode object = operations.storageTree(stored);
    if (Meta.deleting(object) && Meta.hasFinalizer(object, ResourceOperations.ORPHAN_FINALIZER)) {
      orphanDependents(object);
      removeFinalizer(ref, ResourceOperations.ORPHAN_FINALIZER);
      return;
    }
    if (Meta.deleting(object) && Meta.hasFinalizer(object, ResourceOperations.FOREGROUND_FINALIZER)) {
      if (deleteDependentsInForeground(object)) {
        removeFinalizer(ref, ResourceOperations.FOREGROUND_FINALIZER);
      }
      return;
    }
    checkOwners(ref, stored, object);
  }

  /** Deletes an object whose owners are all gone; drops references to owners that are gone when others remain. */
  private void checkOwners(ObjectRef ref, StoredObject stored, JsonNode object) {
    JsonNode owners = object.path("metadata").path("ownerReferences");
    if (!owners.isArray() || owners.isEmpty() || Meta.deleting(object)) {
      return;
    }
    var dangling = new ArrayList<String>();
    boolean ownerInForeground = false;
    for (JsonNode owner : owners) {
      Optional<JsonNode> live = resolve(owner, ref.namespace());
      if (live.isEmpty()) {
        dangling.add(owner.path("uid").asText());
      } else if (Meta.deleting(live.get())
          && Meta.hasFinalizer(live.get(), ResourceOperations.FOREGROUND_FINALIZER)) {
        ownerInForeground = true;
      }
    }
    if (dangling.size() == owners.size()) {
      delete(ref, ownerInForeground ? "Foreground" : "Background");
    } else if (!dangling.isEmpty()) {
      ObjectNode next = (ObjectNode) object.deepCopy();
      ArrayNode kept = Json.array();
      for (JsonNode owner : owners) {
        if (!dangling.contains(owner.path("uid").asText())) {
          kept.add(owner.deepCopy()); // owners come from the shared stored tree, which stays read-only
        }
      }
      ((ObjectNode) next.get("metadata")).set("ownerReferences", kept);
      operations.updateStored(ref.type(), stored, next, request, Target.WHOLE);
    }
  }

  /** Deletes the dependents; true once none that blocks the owner's deletion is left. */
  private boolean deleteDependentsInForeground(JsonNode owner) {
    boolean blocked = false;
    for (ObjectRef dep : index.dependentsOf(Meta.uid(owner))) {
      StoredObject stored = operations.store().get(dep.type().storageResource(), dep.namespace(), dep.name());
      if (stored == null) {
        continue;
      }
      JsonNode dependent = operations.storageTree(stored);
      if (blocksOwnerDeletion(dependent, Meta.uid(owner))) {
        blocked = true;
      }
      if (!Meta.deleting(dependent)) {
        delete(dep, "Foreground");
      }
    }
    return !blocked;
  }

  private void orphanDependents(JsonNode owner) {
    String uid = Meta.uid(owner);
    for (ObjectRef dep : index.dependentsOf(uid)) {
      StoredObject stored = operations.store().get(dep.type().storageResource(), dep.namespace(), dep.name());
      if (stored == null) {
        continue;
      }
      ObjectNode next = (ObjectNode) operations.storageTree(stored).deepCopy();
      ArrayNode kept = Json.array();
      next.path("metadata").path("ownerReferences").forEach(o -> {
        if (!o.path("uid").asText().equals(uid)) {
          kept.add(o);
        }
      });
      ObjectNode meta = (ObjectNode) next.get("metadata");
      if (kept.isEmpty()) {
        meta.remove("ownerReferences");
      } else {
        meta.set("ownerReferences", kept);
      }
      operations.updateStored(dep.type(), stored, next, request, Target.WHOLE);
    }
  }

  private void removeFinalizer(ObjectRef ref, String finalizer) {
    StoredObject stored = operations.store().get(ref.type().storageResource(), ref.namespace(), ref.name());
    if (stored == null) {
      return;
    }
    ObjectNode next = (ObjectNode) operations.storageTree(stored).deepCopy();
    ArrayNode kept = Json.array();
    next.path("metadata").path("finalizers").forEach(f -> {
      if (!f.asText().equals(finalizer)) {
        kept.add(f);
      }
    });
    ObjectNode meta = (ObjectNode) next.get("metadata");
    if (kept.isEmpty()) {
      meta.remove("finalizers");
    } else {
      meta.set("finalizers", kept);
    }
    operations.updateStored(ref.type(), stored, next, request, Target.MAIN);
  }

  private void delete(ObjectRef ref, String propagation) {
    operations.deleteIfPresent(ref.type(), ref.namespace(), ref.name(),
        new DeleteOptions(null, propagation, null, null, false), request);
  }

  private Optional<JsonNode> resolve(JsonNode ownerRef, String namespace) {
    GroupVersionKind gvk = GroupVersionKind.of(ownerRef.path("apiVersion").asText(), ownerRef.path("kind").asText());
    Optional<ResourceType> type = operations.registry().findByKind(gvk.group(), gvk.kind());
    if (type.isEmpty()) {
      // an owner of a kind this emulator does not serve cannot exist here
      return Optional.empty();
    }
    String ns = type.get().namespaced() ? namespace : "";
    StoredObject owner = operations.store().get(type.get().storageResource(), ns, ownerRef.path("name").asText());
    if (owner == null) {
      return Optional.empty();
    }
    JsonNode tree = operations.storageTree(owner);
    return Meta.uid(tree).equals(ownerRef.path("uid").asText()) ? Optional.of(tree) : Optional.empty();
  }

  private static boolean blocksOwnerDeletion(JsonNode dependent, String ownerUid) {
    for (JsonNode o : dependent.path("metadata").path("ownerReferences")) {
      if (o.path("uid").asText().equals(ownerUid) && o.path("blockOwnerDeletion").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasGcFinalizer(JsonNode object) {
    return Meta.hasFinalizer(object, ResourceOperations.ORPHAN_FINALIZER)
        || Meta.hasFinalizer(object, ResourceOperations.FOREGROUND_FINALIZER);
  }

  @Override
  public void close() {
    subscriptions.forEach(WatchSubscription::close);
  }
}
