package dev.kubemu.controllers.gc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Meta;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Owner uid → dependents, kept current from store events, so finding an owner's dependents costs a lookup instead
 * of a scan of every object. Confined to the control loop.
 */
final class OwnerIndex {
  private final Map<String, Set<ObjectRef>> dependents = new HashMap<>();
  private final Map<ObjectRef, Set<String>> owners = new HashMap<>();

  /** Records the current owner references of {@code ref} (an object with {@code tree}), or its removal (null). */
  void update(ObjectRef ref, JsonNode tree) {
    Set<String> old = owners.remove(ref);
    if (old != null) {
      for (String uid : old) {
        Set<ObjectRef> set = dependents.get(uid);
        if (set != null) {
          set.remove(ref);
          if (set.isEmpty()) {
            dependents.remove(uid);
          }
        }
      }
    }
    if (tree == null) {
      return;
    }
    var uids = new HashSet<String>();
    for (JsonNode owner : Meta.meta(tree).path("ownerReferences")) {
      String uid = owner.path("uid").asText("");
      if (!uid.isEmpty()) {
        uids.add(uid);
        dependents.computeIfAbsent(uid, u -> new HashSet<>()).add(ref);
      }
    }
    if (!uids.isEmpty()) {
      owners.put(ref, uids);
    }
  }

  Set<ObjectRef> dependentsOf(String ownerUid) {
    return Set.copyOf(dependents.getOrDefault(ownerUid, Set.of()));
  }
}
