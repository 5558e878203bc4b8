package dev.kubemu.core.managedfields;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.schema.SchemaCatalog;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small driver for structured-merge-diff scenarios on kubemu's built-in schemas: a live object and the field sets of
 * named managers, changed by applies and updates as {@link Updater} does them (one API version, no kube-apiserver
 * layers), with assertions written as YAML objects and {@code fieldsV1} trees.
 */
final class Smd {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final String apiVersion;
  private final SmdType type;
  private final Updater updater;
  JsonNode live;
  final Map<String, VersionedSet> managers = new LinkedHashMap<>();

  private Smd(String apiVersion, SmdType type, FieldSet ignored) {
    this.apiVersion = apiVersion;
    this.type = type;
    this.updater = new Updater((object, version) -> version.equals(object.apiVersion()) ? object : null, ignored);
  }

  /** A scenario on {@code kind} of {@code group/version} (group empty for the core group). */
  static Smd of(String group, String version, String kind) {
    return of(group, version, kind, List.of());
  }

  /** As {@link #of(String, String, String)}, with top-level fields whose changes nobody owns. */
  static Smd of(String group, String version, String kind, List<String> ignoredTopLevel) {
    var schema = SchemaCatalog.builtin().kind(new GroupVersionKind(group, version, kind)).orElseThrow();
    var ignored = new FieldSet();
    ignoredTopLevel.forEach(f -> ignored.insert(List.of(PathElement.field(f))));
    return new Smd(group.isEmpty() ? version : group + "/" + version, SmdType.root(schema), ignored);
  }

  static Smd pods() {
    return of("", "v1", "Pod");
  }

  static Smd deployments() {
    return of("apps", "v1", "Deployment");
  }

  static JsonNode yaml(String text) {
    try {
      JsonNode node = YAML.readTree(text);
      return node == null || node.isMissingNode() ? YAML.createObjectNode() : node;
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SmdType type() {
    return type;
  }

  /** Applies {@code config} for {@code manager}; conflicts throw {@link Updater.ConflictsException}. */
  Smd apply(String manager, String config) {
    return apply(manager, config, false);
  }

  Smd forceApply(String manager, String config) {
    return apply(manager, config, true);
  }

  private Smd apply(String manager, String config, boolean force) {
    JsonNode liveValue = live == null ? YAML.createObjectNode() : live;
    var work = new LinkedHashMap<>(managers);
    JsonNode merged = updater.apply(new Updater.Typed(apiVersion, type, liveValue),
        new Updater.Typed(apiVersion, type, yaml(config)), apiVersion, work, manager, force);
    managers.clear();
    managers.putAll(work);
    if (merged != null) {
      live = merged;
    } else if (live == null) {
      live = liveValue;
    }
    return this;
  }

  /** Replaces the live object by {@code object}, as an update by {@code manager}. */
  Smd update(String manager, String object) {
    JsonNode next = yaml(object);
    JsonNode previous = live == null ? YAML.createObjectNode() : live;
    updater.update(new Updater.Typed(apiVersion, type, previous), new Updater.Typed(apiVersion, type, next),
        apiVersion, managers, manager);
    live = next;
    return this;
  }

  void assertObject(String expected) {
    assertThat(live).isEqualTo(yaml(expected));
  }

  /** That {@code manager} owns exactly the fields of {@code fieldsV1} (written as YAML). */
  void assertOwns(String manager, String fieldsV1) {
    assertThat(managers).containsKey(manager);
    assertThat(managers.get(manager).set().toFieldsV1()).as("fields of %s", manager).isEqualTo(yaml(fieldsV1));
  }

  void assertManagers(String... names) {
    assertThat(managers.keySet()).containsExactlyInAnyOrder(names);
  }

  static FieldSet fieldSet(String fieldsV1) {
    return FieldSet.fromFieldsV1(yaml(fieldsV1));
  }

  static ObjectNode object(String text) {
    return (ObjectNode) yaml(text);
  }
}
