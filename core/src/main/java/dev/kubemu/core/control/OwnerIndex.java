package dev.kubemu.core.control;

import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.WatchEvent;
import dev.kubemu.core.store.WatchSubscription;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Objects of one type indexed by the uid of their controlling owner (the ownerReference with
 * {@code controller: true}), kept current from the store's events on the control loop. Lets a ReplicaSet find its
 * pods without scanning every pod. Start it before the controllers that read it, so it has seen every event they
 * react to. Read it only on the control loop.
 */
public final class OwnerIndex implements AutoCloseable {
  private final ResourceOperations operations;
  private final ResourceType type;
  // per owner, its objects by name (owner and owned share a namespace), each as last observed
  private final Map<String, NavigableMap<String, StoredObject>> objectsByOwner = new HashMap<>();
  private final Map<String, String> ownerByKey = new HashMap<>();
  private final WatchSubscription subscription;

  public OwnerIndex(ResourceOperations operations, ResourceType type, ControlLoop loop) {
    this.operations = operations;
    this.type = type;
    this.subscription = operations.watch(type, null, ListOptions.everything(), loop, this::observe);
  }

  private void observe(WatchEvent event) {
    StoredObject o = event.object();
    String key = o.namespace() + "/" + o.name();
    String previousOwner = ownerByKey.remove(key);
    if (previousOwner != null) {
      NavigableMap<String, StoredObject> objects = objectsByOwner.get(previousOwner);
      objects.remove(o.name());
      if (objects.isEmpty()) {
        objectsByOwner.remove(previousOwner);
      }
    }
    if (event.type() == WatchEvent.Type.DELETED) {
      return;
    }
    String owner = controllerUid(operations.storageTree(o));
    if (owner != null) {
      ownerByKey.put(key, owner);
      objectsByOwner.computeIfAbsent(owner, u -> new TreeMap<>()).put(o.name(), o);
    }
  }

  /**
   * The objects whose controlling owner has {@code ownerUid}, by name, as currently stored. Membership is as last
   * observed: objects created or re-owned since then show up when their events arrive (and reconcile the owner).
   */
  public List<StoredObject> owned(String ownerUid) {
    NavigableMap<String, StoredObject> objects = objectsByOwner.get(ownerUid);
    if (objects == null) {
      return List.of();
    }
    var result = new ArrayList<StoredObject>(objects.size());
    for (StoredObject observed : objects.values()) {
      // most revisions seen are still current; only replaced ones cost a store lookup
      StoredObject current = observed.superseded()
          ? operations.store().get(type.storageResource(), observed.namespace(), observed.name())
          : observed;
      if (current != null) {
        result.add(current);
      }
    }
    return result;
  }

  /** The uid of the controlling owner, or null. */
  public static String controllerUid(JsonNode object) {
    for (JsonNode ref : Meta.meta(object).path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return ref.path("uid").asText();
      }
    }
    return null;
  }

  @Override
  public void close() {
    subscription.close();
  }
}
