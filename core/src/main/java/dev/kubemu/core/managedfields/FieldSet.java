package dev.kubemu.core.managedfields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A set of field paths, as structured-merge-diff keeps them: a tree whose nodes hold the path elements that are
 * members themselves and the children below. Ownership of fields by managers, and the results of comparing objects,
 * are field sets. Built by {@link #insert}, then treated as immutable: the set operations return new sets, or one of
 * their operands when the result equals it, so a set must not be inserted into once it takes part in them.
 */
final class FieldSet {
  private final TreeSet<PathElement> members = new TreeSet<>();
  private final TreeMap<PathElement, FieldSet> children = new TreeMap<>();

  static FieldSet of(List<List<PathElement>> paths) {
    FieldSet s = new FieldSet();
    paths.forEach(s::insert);
    return s;
  }

  /** Adds a path; the empty path (the whole object) is never owned, so it is ignored. */
  void insert(List<PathElement> path) {
    if (path.isEmpty()) {
      return;
    }
    FieldSet node = this;
    for (int i = 0; i < path.size() - 1; i++) {
      node = node.children.computeIfAbsent(path.get(i), pe -> new FieldSet());
    }
    node.members.add(path.get(path.size() - 1));
  }

  boolean has(List<PathElement> path) {
    if (path.isEmpty()) {
      return false;
    }
    FieldSet node = this;
    for (int i = 0; i < path.size() - 1; i++) {
      node = node.children.get(path.get(i));
      if (node == null) {
        return false;
      }
    }
    return node.members.contains(path.get(path.size() - 1));
  }

  /** Whether the set has no paths; children are never empty, so this looks at this node only. */
  boolean isEmpty() {
    return members.isEmpty() && children.isEmpty();
  }

  /** The paths below {@code pe}, relative to it. */
  FieldSet withPrefix(PathElement pe) {
    FieldSet child = children.get(pe);
    return child == null ? new FieldSet() : child;
  }

  FieldSet copy() {
    FieldSet c = new FieldSet();
    c.members.addAll(members);
    children.forEach((pe, s) -> c.children.put(pe, s.copy()));
    return c;
  }

  /**
   * Both sets' paths; one of the operands when it already holds them all, so that a manager rewriting fields it owns
   * keeps its set (and its encoded {@code fieldsV1}).
   */
  FieldSet union(FieldSet o) {
    if (o.isEmpty() || covers(o)) {
      return this;
    }
    if (isEmpty() || o.covers(this)) {
      return o;
    }
    FieldSet out = new FieldSet();
    out.members.addAll(members);
    out.members.addAll(o.members);
    out.children.putAll(children);
    o.children.forEach((pe, s) -> out.children.merge(pe, s, FieldSet::union));
    return out;
  }

  FieldSet intersection(FieldSet o) {
    FieldSet out = new FieldSet();
    if (isEmpty() || o.isEmpty()) {
      return out;
    }
    for (PathElement m : members) {
      if (o.members.contains(m)) {
        out.members.add(m);
      }
    }
    children.forEach((pe, s) -> {
      FieldSet other = o.children.get(pe);
      if (other != null) {
        FieldSet i = s.intersection(other);
        if (!i.isEmpty()) {
          out.children.put(pe, i);
        }
      }
    });
    return out;
  }

  /** Members of this set not in {@code o}, node by node (a member of {@code o} does not remove children). */
  FieldSet difference(FieldSet o) {
    return minus(o, false);
  }

  /** Like {@link #difference}, but a member of {@code o} also removes everything below it. */
  FieldSet recursiveDifference(FieldSet o) {
    return minus(o, true);
  }

  /** This set itself when {@code o} takes nothing away. */
  private FieldSet minus(FieldSet o, boolean recursive) {
    if (o.isEmpty()) {
      return this;
    }
    FieldSet out = new FieldSet();
    boolean unchanged = true;
    for (PathElement m : members) {
      if (o.members.contains(m)) {
        unchanged = false;
      } else {
        out.members.add(m);
      }
    }
    for (Map.Entry<PathElement, FieldSet> child : children.entrySet()) {
      PathElement pe = child.getKey();
      if (recursive && o.members.contains(pe)) {
        unchanged = false;
        continue;
      }
      FieldSet other = o.children.get(pe);
      FieldSet d = other == null ? child.getValue() : child.getValue().minus(other, recursive);
      unchanged &= d == child.getValue();
      if (!d.isEmpty()) {
        out.children.put(pe, d);
      }
    }
    return unchanged ? this : out;
  }

  /** Whether every path of {@code o} is in this set. */
  private boolean covers(FieldSet o) {
    if (!members.containsAll(o.members)) {
      return false;
    }
    for (Map.Entry<PathElement, FieldSet> child : o.children.entrySet()) {
      FieldSet mine = children.get(child.getKey());
      if (mine == null || !mine.covers(child.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Makes named struct fields that have owned children members too, as SMD does before removing items. */
  FieldSet ensureNamedFieldsAreMembers(SmdType type) {
    FieldSet out = new FieldSet();
    out.members.addAll(members);
    children.forEach((pe, s) -> {
      if (pe.isField() && type.isStruct() && type.declaresField(pe.fieldName())) {
        out.members.add(pe);
      }
      out.children.put(pe, s.ensureNamedFieldsAreMembers(type.childType(pe)));
    });
    return out;
  }

  /** Every member path, members of a node before its children, in order. */
  void forEach(Consumer<List<PathElement>> action) {
    iterate(new ArrayList<>(), action);
  }

  private void iterate(List<PathElement> prefix, Consumer<List<PathElement>> action) {
    for (PathElement m : members) {
      var path = new ArrayList<>(prefix);
      path.add(m);
      action.accept(List.copyOf(path));
    }
    children.forEach((pe, s) -> {
      prefix.add(pe);
      s.iterate(prefix, action);
      prefix.remove(prefix.size() - 1);
    });
  }

  /** The {@code fieldsV1} form: {@code {"f:spec":{"f:replicas":{}}}}, with {@code ".": {}} for members with children. */
  ObjectNode toFieldsV1() {
    ObjectNode out = Json.object();
    emit(out, false);
    return out;
  }

  private void emit(ObjectNode out, boolean includeSelf) {
    if (includeSelf && !(members.isEmpty() && children.isEmpty())) {
      out.putObject(".");
    }
    var all = new TreeSet<PathElement>(members);
    all.addAll(children.keySet());
    for (PathElement pe : all) {
      FieldSet child = children.get(pe);
      ObjectNode node = out.putObject(pe.serialize());
      if (child != null) {
        child.emit(node, members.contains(pe));
      }
    }
  }

  /**
   * Reads the {@code fieldsV1} form; throws {@link IllegalArgumentException} when it is malformed. Keys of kinds
   * this version does not know ({@code x:...}) are skipped, as structured-merge-diff skips them, and a node whose
   * keys are all skipped is a member.
   */
  static FieldSet fromFieldsV1(JsonNode fields) {
    return fromFieldsV1(fields, PathElement::parse);
  }

  /** As {@link #fromFieldsV1(JsonNode)}, parsing keys with {@code parser} (which may remember them). */
  static FieldSet fromFieldsV1(JsonNode fields, java.util.function.Function<String, PathElement> parser) {
    FieldSet s = new FieldSet();
    read(fields, s, true, parser);
    return s;
  }

  private static boolean read(JsonNode node, FieldSet into, boolean root,
      java.util.function.Function<String, PathElement> parser) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("fieldsV1 nodes must be objects, not " + node.getNodeType());
    }
    boolean self = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals(".")) {
        self = true;
        continue;
      }
      PathElement pe = parser.apply(e.getKey());
      if (pe == null) {
        continue;
      }
      if (e.getValue().isNull() || e.getValue().isObject() && e.getValue().isEmpty()) {
        into.members.add(pe);
        continue;
      }
      FieldSet child = new FieldSet();
      if (read(e.getValue(), child, false, parser)) {
        into.members.add(pe);
      }
      if (!child.isEmpty()) {
        into.children.put(pe, child);
      }
    }
    return !root && (self || into.isEmpty());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet s && members.equals(s.members) && children.equals(s.children);
  }

  @Override
  public int hashCode() {
    return members.hashCode() * 31 + children.hashCode();
  }

  @Override
  public String toString() {
    var sb = new StringBuilder();
    forEach(p -> sb.append(FieldPaths.toString(p)).append('\n'));
    return sb.toString();
  }
}
