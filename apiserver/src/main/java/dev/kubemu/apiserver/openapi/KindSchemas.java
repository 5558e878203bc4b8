package dev.kubemu.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.schema.Descriptions;
import dev.kubemu.core.schema.Field;
import dev.kubemu.core.schema.Schema;
import dev.kubemu.core.schema.SchemaCatalog;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * OpenAPI v3 component schemas generated from the kinds' structural schemas: every definition a kind reaches, with
 * field types, required fields, the list/map/patch extensions kubectl reads to build patches and to explain fields,
 * descriptions, and {@code x-kubernetes-group-version-kind} on the kinds themselves.
 */
final class KindSchemas {
  static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
  static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  static final String TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
  static final String MICRO_TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";
  static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
  static final String FIELDS_V1 = "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1";

  private final ObjectNode components;
  private final Descriptions descriptions;
  /** Swagger 2.0 style: {@code #/definitions/} references, {@code $ref} beside descriptions, no {@code oneOf}. */
  private final boolean v2;
  private final Set<String> added = new LinkedHashSet<>();
  private final Deque<Schema> pending = new ArrayDeque<>();

  KindSchemas(ObjectNode components, Descriptions descriptions) {
    this(components, descriptions, false);
  }

  KindSchemas(ObjectNode components, Descriptions descriptions, boolean v2) {
    this.components = components;
    this.descriptions = descriptions;
    this.v2 = v2;
  }

  /**
   * Adds the kind's schema and its list's (generated when {@code list} is null), each tagged with its
   * group-version-kind, with every definition they reach.
   */
  void addKind(ResourceType type, GroupVersionKind gvk, Schema kind, Schema list) {
    enqueue(kind);
    if (list != null) {
      enqueue(list);
    }
    drain();
    gvkList((ObjectNode) components.get(kind.name()), gvk);
    GroupVersionKind listGvk = new GroupVersionKind(gvk.group(), gvk.version(), type.listKind());
    if (list != null) {
      gvkList((ObjectNode) components.get(list.name()), listGvk);
    } else {
      components.set(kind.name() + "List", listSchema(type, listGvk, kind.name()));
      drain();
    }
  }

  private void enqueue(Schema schema) {
    if (schema.type() == Schema.Type.OBJECT && added.add(schema.name())) {
      pending.add(schema);
    }
  }

  private void drain() {
    while (!pending.isEmpty()) {
      Schema next = pending.poll();
      components.set(next.name(), definition(next));
    }
  }

  private ObjectNode definition(Schema schema) {
    ObjectNode def = Json.object();
    descriptions.of(schema.name()).ifPresent(d -> def.put("description", d));
    def.put("type", "object");
    ObjectNode properties = def.putObject("properties");
    ArrayNode required = Json.array();
    for (Field field : schema.fields().values()) {
      ObjectNode property = property(field.schema(), field);
      descriptions.of(schema.name(), field.name()).ifPresent(d -> property.put("description", d));
      properties.set(field.name(), property);
      if (field.required()) {
        required.add(field.name());
      }
    }
    if (!required.isEmpty()) {
      def.set("required", required);
    }
    return def;
  }

  /** The schema of a position; {@code field} carries list and patch markers when this position is a field. */
  private ObjectNode property(Schema schema, Field field) {
    ObjectNode p = Json.object();
    switch (schema.type()) {
      case OBJECT -> {
        enqueue(schema);
        ref(p, schema.name());
      }
      case ARRAY -> {
        p.put("type", "array");
        p.set("items", property(schema.element(), null));
      }
      case MAP -> {
        p.put("type", "object");
        p.set("additionalProperties", property(schema.element(), null));
      }
      case STRING, DURATION -> p.put("type", "string");
      case INT32 -> p.put("type", "integer").put("format", "int32");
      case INT64 -> p.put("type", "integer").put("format", "int64");
      case BOOLEAN -> p.put("type", "boolean");
      case DOUBLE -> p.put("type", "number").put("format", "double");
      case BYTES -> p.put("type", "string").put("format", "byte");
      case QUANTITY -> special(p, QUANTITY);
      case INT_OR_STRING -> special(p, INT_OR_STRING);
      case DATE_TIME -> special(p, TIME);
      case MICRO_TIME -> special(p, MICRO_TIME);
      case ANY -> special(p, field != null && "v1.FieldsV1".equals(field.goType()) ? FIELDS_V1 : RAW_EXTENSION);
      default -> throw new IllegalStateException("unhandled schema type " + schema.type());
    }
    if (field != null) {
      markers(p, field);
    }
    return p;
  }

  private static void markers(ObjectNode p, Field field) {
    if (field.listType() != null) {
      p.put("x-kubernetes-list-type", field.listType());
    }
    if (!field.listMapKeys().isEmpty()) {
      ArrayNode keys = p.putArray("x-kubernetes-list-map-keys");
      field.listMapKeys().forEach(keys::add);
    }
    if (field.mapType() != null) {
      p.put("x-kubernetes-map-type", field.mapType());
    }
    if (field.patchMergeKey() != null) {
      p.put("x-kubernetes-patch-merge-key", field.patchMergeKey());
    }
    if (field.patchStrategy() != null) {
      p.put("x-kubernetes-patch-strategy", field.patchStrategy());
    }
  }

  /** A reference to one of the special types, whose definition is added on first use. */
  private void special(ObjectNode p, String name) {
    if (added.add(name)) {
      ObjectNode def = Json.object();
      descriptions.of(name).ifPresent(d -> def.put("description", d));
      switch (name) {
        case QUANTITY -> {
          if (v2) {
            def.put("type", "string");
          } else {
            ArrayNode oneOf = def.putArray("oneOf");
            oneOf.addObject().put("type", "string");
            oneOf.addObject().put("type", "number");
          }
        }
        case INT_OR_STRING -> def.put("type", "string").put("format", "int-or-string")
            .put("x-kubernetes-int-or-string", true);
        case TIME, MICRO_TIME -> def.put("type", "string").put("format", "date-time");
        default -> def.put("type", "object");
      }
      components.set(name, def);
    }
    ref(p, name);
  }

  private void ref(ObjectNode p, String name) {
    if (v2) {
      p.put("$ref", "#/definitions/" + name);
    } else {
      p.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + name);
    }
  }

  private ObjectNode listSchema(ResourceType type, GroupVersionKind listGvk, String itemName) {
    ObjectNode schema = Json.object();
    schema.put("description", type.listKind() + " is a list of " + type.kind() + " objects.");
    schema.put("type", "object");
    schema.putArray("required").add("items");
    ObjectNode props = schema.putObject("properties");
    props.putObject("apiVersion").put("type", "string")
        .put("description", descriptions.of(itemName, "apiVersion").orElse(""));
    ObjectNode items = props.putObject("items");
    items.put("description", "The " + type.plural() + " in the list.");
    items.put("type", "array");
    ObjectNode item = items.putObject("items");
    ref(item, itemName);
    props.putObject("kind").put("type", "string").put("description", descriptions.of(itemName, "kind").orElse(""));
    ObjectNode meta = props.putObject("metadata");
    String listMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";
    descriptions.of(listMeta).ifPresent(d -> meta.put("description", d));
    ref(meta, listMeta);
    SchemaCatalog.builtin().definition(listMeta).ifPresent(this::enqueue);
    gvkList(schema, listGvk);
    return schema;
  }

  private static void gvkList(ObjectNode schema, GroupVersionKind gvk) {
    ObjectNode k = schema.putArray("x-kubernetes-group-version-kind").addObject();
    k.put("group", gvk.group());
    k.put("kind", gvk.kind());
    k.put("version", gvk.version());
  }
}
