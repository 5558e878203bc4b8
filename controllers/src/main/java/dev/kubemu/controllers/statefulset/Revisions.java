package dev.kubemu.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.controllers.deployment.PodTemplateHash;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.OwnerReferences;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A StatefulSet's ControllerRevisions (kube's controller/history and stateful_set_utils.go). A revision's
 * {@code data} is the strategic merge patch that restores the set's pod template,
 * {@code {"spec":{"template":{…,"$patch":"replace"}}}}, which is also what {@code kubectl rollout undo} applies;
 * its name is {@code <set>-<hash of data and collision count>}.
 */
final class Revisions {
  private static final int MAX_PREFIX = 223;

  private Revisions() {}

  /** getPatch: the revision data for the set's current template. */
  static ObjectNode dataOf(JsonNode set) {
    ObjectNode data = Json.object();
    ObjectNode template = set.path("spec").get("template") instanceof ObjectNode t ? t.deepCopy() : Json.object();
    template.put("$patch", "replace");
    data.putObject("spec").set("template", template);
    return data;
  }

  /** The pod template a revision restores (applyRevision, for the one field revisions carry). */
  static JsonNode templateOf(JsonNode revision) {
    JsonNode template = revision.path("data").path("spec").path("template");
    if (!(template instanceof ObjectNode t)) {
      return Json.object();
    }
    ObjectNode copy = t.deepCopy();
    copy.remove("$patch");
    return copy;
  }

  static String hash(JsonNode data, long collisionCount) {
    return PodTemplateHash.of(data, collisionCount);
  }

  static String name(JsonNode set, String hash) {
    String prefix = Meta.name(set);
    if (prefix.length() > MAX_PREFIX) {
      prefix = prefix.substring(0, MAX_PREFIX);
    }
    return prefix + "-" + hash;
  }

  /**
   * NewControllerRevision: labelled with the template's labels and the hash, annotated with the set's annotations,
   * controlled by the set.
   */
  static ObjectNode newRevision(JsonNode set, ObjectNode data, long revision, long collisionCount) {
    String hash = hash(data, collisionCount);
    ObjectNode cr = Json.object();
    cr.put("apiVersion", "apps/v1");
    cr.put("kind", "ControllerRevision");
    ObjectNode meta = cr.putObject("metadata");
    meta.put("name", name(set, hash));
    meta.put("namespace", Meta.namespace(set));
    ObjectNode labels = set.path("spec").path("template").path("metadata").get("labels") instanceof ObjectNode l
        ? l.deepCopy() : Json.object();
    labels.put(StatefulPods.REVISION_LABEL, hash);
    meta.set("labels", labels);
    if (set.path("metadata").get("annotations") instanceof ObjectNode annotations && !annotations.isEmpty()) {
      meta.set("annotations", annotations.deepCopy());
    }
    OwnerReferences.setController(meta, set);
    cr.set("data", data);
    cr.put("revision", revision);
    return cr;
  }

  static long number(JsonNode revision) {
    return revision.path("revision").asLong(0);
  }

  /** SortControllerRevisions: by revision number, then creation time, then name. */
  static List<JsonNode> sorted(List<JsonNode> revisions) {
    var sorted = new ArrayList<>(revisions);
    sorted.sort(Comparator.comparingLong(Revisions::number)
        .thenComparing(r -> r.path("metadata").path("creationTimestamp").asText(""))
        .thenComparing(Meta::name));
    return sorted;
  }

  /** The last of the sorted revisions whose data equals {@code data}, or null. */
  static JsonNode lastEqual(List<JsonNode> sorted, JsonNode data) {
    JsonNode found = null;
    for (JsonNode revision : sorted) {
      if (revision.path("data").equals(data)) {
        found = revision;
      }
    }
    return found;
  }

  /**
   * truncateHistory: the revisions to delete so that at most {@code limit} are kept beyond the live ones (the
   * current and update revisions and any a pod is at), oldest first.
   */
  static List<JsonNode> surplus(List<JsonNode> sorted, Set<String> live, int limit) {
    if (limit < 0) {
      return List.of();
    }
    var history = new ArrayList<JsonNode>();
    for (JsonNode revision : sorted) {
      if (!live.contains(Meta.name(revision))) {
        history.add(revision);
      }
    }
    return history.size() <= limit ? List.of() : history.subList(0, history.size() - limit);
  }

  static Set<String> live(String current, String update, List<JsonNode> pods) {
    var live = new HashSet<String>();
    live.add(current);
    live.add(update);
    pods.forEach(p -> live.add(StatefulPods.revision(p)));
    return live;
  }
}
