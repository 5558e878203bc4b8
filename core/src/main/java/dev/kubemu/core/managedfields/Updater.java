package dev.kubemu.core.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * structured-merge-diff's Updater: works out who owns which fields after an update or an apply, merges applied
 * configurations, prunes what an applier stopped applying, and reports conflicts. Objects are typed versioned JSON;
 * managers that wrote in another version are compared after converting the objects to that version.
 */
final class Updater {
  /** An object in one API version with its type. */
  record Typed(String apiVersion, SmdType type, JsonNode value) {}

  /** Converts typed objects between the versions a resource is served in. */
  interface Converter {
    /** The object in {@code apiVersion}, or null when that version no longer exists. */
    Typed convert(Typed object, String apiVersion);
  }

  /** The apply would take fields from other managers; carries them all. */
  static final class ConflictsException extends RuntimeException {
    private final List<Conflict> conflicts;

    ConflictsException(List<Conflict> conflicts) {
      super(conflicts.size() + " conflicts");
      this.conflicts = List.copyOf(conflicts);
    }

    List<Conflict> conflicts() {
      return conflicts;
    }
  }

  private final Converter converter;
  /** Fields whose changes nobody owns here (status on the main resource, say), the same in every version. */
  private final FieldSet ignored;

  Updater(Converter converter, FieldSet ignored) {
    this.converter = converter;
    this.ignored = ignored;
  }

  /**
   * @param newShape what {@code newObject} is: a Go-typed object for updates, the merged object for applies
   */
  private TypedOps.Comparison update(Typed oldObject, Typed newObject, TypedOps.Shape newShape, String version,
      Map<String, VersionedSet> managers, String workflow, boolean force) {
    var conflicts = new LinkedHashMap<String, VersionedSet>();
    var removed = new LinkedHashMap<String, VersionedSet>();
    TypedOps.Comparison compare = TypedOps.compare(oldObject.type(), oldObject.value(), TypedOps.Shape.GO_STRUCT,
        newObject.value(), newShape);
    var versions = new LinkedHashMap<String, TypedOps.Comparison>();
    versions.put(version, compare.excluding(ignored));
    for (String manager : new ArrayList<>(managers.keySet())) {
      if (manager.equals(workflow)) {
        continue;
      }
      VersionedSet managerSet = managers.get(manager);
      TypedOps.Comparison c = versions.get(managerSet.apiVersion());
      if (c == null) {
        Typed oldV = converter.convert(oldObject, managerSet.apiVersion());
        Typed newV = converter.convert(newObject, managerSet.apiVersion());
        if (oldV == null || newV == null) {
          managers.remove(manager);
          continue;
        }
        c = TypedOps.compare(oldV.type(), oldV.value(), TypedOps.Shape.GO_STRUCT, newV.value(), newShape)
            .excluding(ignored);
        versions.put(managerSet.apiVersion(), c);
      }
      FieldSet conflictSet = managerSet.set().intersection(c.changed());
      if (!conflictSet.isEmpty()) {
        conflicts.put(manager, new VersionedSet(conflictSet, managerSet.apiVersion(), false));
      }
      if (!c.removed().isEmpty()) {
        removed.put(manager, new VersionedSet(c.removed(), managerSet.apiVersion(), false));
      }
    }
    if (!force && !conflicts.isEmpty()) {
      var list = new ArrayList<Conflict>();
      conflicts.forEach((manager, set) -> set.set().forEach(path -> list.add(new Conflict(manager, path))));
      throw new ConflictsException(list);
    }
    conflicts.forEach((manager, set) -> {
      VersionedSet current = managers.get(manager);
      managers.put(manager, new VersionedSet(current.set().difference(set.set()), current.apiVersion(),
          current.applied()));
    });
    removed.forEach((manager, set) -> {
      VersionedSet current = managers.get(manager);
      managers.put(manager, new VersionedSet(current.set().difference(set.set()), current.apiVersion(),
          current.applied()));
    });
    managers.entrySet().removeIf(e -> e.getValue().set().isEmpty());
    return compare;
  }

  /** Records an update by {@code manager}: it owns what it changed, others lose what it changed or removed. */
  void update(Typed liveObject, Typed newObject, String version, Map<String, VersionedSet> managers, String manager) {
    TypedOps.Comparison compare = update(liveObject, newObject, TypedOps.Shape.GO_STRUCT, version, managers, manager,
        true);
    VersionedSet previous = managers.get(manager);
    FieldSet set = (previous == null ? new FieldSet() : previous.set()).difference(compare.removed())
        .union(compare.modified()).union(compare.added());
    set = set.recursiveDifference(ignored);
    if (set.isEmpty()) {
      managers.remove(manager);
    } else {
      managers.put(manager, new VersionedSet(set, version, false));
    }
  }

  /**
   * Applies {@code config} for {@code manager}: the merged object (null when nothing changes), with the managers'
   * sets updated in place. Throws {@link ConflictsException} unless {@code force}.
   */
  JsonNode apply(Typed liveObject, Typed configObject, String version, Map<String, VersionedSet> managers,
      String manager, boolean force) {
    JsonNode merged = TypedOps.merge(liveObject.type(), liveObject.value(), configObject.value());
    VersionedSet lastSet = managers.get(manager);
    FieldSet set = TypedOps.toFieldSet(configObject.type(), configObject.value());
    set = set.recursiveDifference(ignored);
    managers.put(manager, new VersionedSet(set, version, true));
    Typed newObject = prune(new Typed(version, liveObject.type(), merged), managers, manager, lastSet);
    update(liveObject, newObject, TypedOps.Shape.MERGED, version, managers, manager, force);
    return JsonValues.equal(liveObject.value(), newObject.value()) ? null : newObject.value();
  }

  /** Removes what {@code applyingManager} applied last time and not now, unless someone else still owns it. */
  private Typed prune(Typed merged, Map<String, VersionedSet> managers, String applyingManager, VersionedSet last) {
    if (last == null || last.set().isEmpty()) {
      return merged;
    }
    Typed converted = converter.convert(merged, last.apiVersion());
    if (converted == null) {
      return merged;
    }
    FieldSet toRemove = last.set().ensureNamedFieldsAreMembers(converted.type());
    Typed pruned = new Typed(converted.apiVersion(), converted.type(),
        TypedOps.removeItems(converted.type(), converted.value(), toRemove));
    pruned = addBackOwnedItems(converted, pruned, managers);
    pruned = addBackDanglingItems(converted, pruned, last);
    Typed back = converter.convert(pruned, managers.get(applyingManager).apiVersion());
    return back == null ? pruned : back;
  }

  private Typed addBackOwnedItems(Typed merged, Typed pruned, Map<String, VersionedSet> managers) {
    var managedAtVersion = new LinkedHashMap<String, FieldSet>();
    managedAtVersion.put(pruned.apiVersion(), new FieldSet());
    for (VersionedSet s : managers.values()) {
      managedAtVersion.merge(s.apiVersion(), s.set(), FieldSet::union);
    }
    for (Map.Entry<String, FieldSet> e : managedAtVersion.entrySet()) {
      Typed m = converter.convert(merged, e.getKey());
      Typed p = converter.convert(pruned, e.getKey());
      if (m == null || p == null) {
        continue;
      }
      FieldSet mergedSet = TypedOps.toFieldSet(m.type(), m.value()).ensureNamedFieldsAreMembers(m.type());
      FieldSet prunedSet = TypedOps.toFieldSet(p.type(), p.value()).ensureNamedFieldsAreMembers(m.type());
      FieldSet managed = e.getValue().ensureNamedFieldsAreMembers(m.type());
      pruned = new Typed(m.apiVersion(), m.type(),
          TypedOps.removeItems(m.type(), m.value(), mergedSet.difference(prunedSet.union(managed))));
      merged = m;
    }
    return pruned;
  }

  private Typed addBackDanglingItems(Typed merged, Typed pruned, VersionedSet last) {
    Typed convertedPruned = converter.convert(pruned, last.apiVersion());
    Typed convertedMerged = converter.convert(merged, last.apiVersion());
    if (convertedPruned == null || convertedMerged == null) {
      return merged;
    }
    SmdType type = convertedMerged.type();
    FieldSet prunedSet = TypedOps.toFieldSet(type, convertedPruned.value()).ensureNamedFieldsAreMembers(type);
    FieldSet mergedSet = TypedOps.toFieldSet(type, convertedMerged.value()).ensureNamedFieldsAreMembers(type);
    FieldSet lastSet = last.set().ensureNamedFieldsAreMembers(type);
    return new Typed(convertedMerged.apiVersion(), type, TypedOps.removeItems(type, convertedMerged.value(),
        mergedSet.difference(prunedSet).intersection(lastSet)));
  }
}
