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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Objects of one type indexed by the uid of their controlling owner (the ownerReference with
 * {@code controller: true}), kept current from the store's events on the control loop. Lets a ReplicaSet find its
 * pods without scanning every pod. Start it before the controllers that read it, so it has seen every event they
 * react to. Read it only on the control loop.
 */
public final class OwnerIndex implements AutoCloseable {
  private final ResourceOperations operations;
  private final ResourceType type;
  private final Map<String, Set<String>> keysByOwner = new HashMap<>();
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
      Set<String> keys = keysByOwner.get(previousOwner);
      keys.remove(key);
      if (keys.isEmpty()) {
        keysByOwner.remove(previousOwner);
      }
    }
    if (event.type() == WatchEvent.Type.DELETED) {
      return;
    }
    String owner = controllerUid(operations.storageTree(o));
    if (owner != null) {
      ownerByKey.put(key, owner);
      keysByOwner.computeIfAbsent(owner, u -> new HashSet<>()).add(key);
    }
  }

  /** The objects whose controlling owner has {@code ownerUid}, as currently stored. */
  public List<StoredObject> owned(String ownerUid) {
    var result = new ArrayList<StoredObject>();
    for (String key : keysByOwner.getOrDefault(ownerUid, Set.of())) {
      int slash = key.indexOf('/');
      StoredObject o = operations.store().get(type.storageResource(), key.substring(0, slash),
          key.substring(slash + 1));
      if (o != null) {
        result.add(o);
      }
    }
    result.sort((a, b) -> a.name().compareTo(b.name()));
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
