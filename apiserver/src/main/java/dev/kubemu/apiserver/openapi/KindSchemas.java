package dev.kubemu.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.registry.ResourceType;

/**
 * Component schemas for each kind: the top-level object with its standard fields, tagged with its
 * group-version-kind. Field-level schemas for spec and status come from the registry's schemas.
 */
final class KindSchemas {
  static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
  static final String LIST_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";

  private KindSchemas() {}

  static ObjectNode schemaFor(ResourceType type, GroupVersionKind gvk) {
    ObjectNode schema = Json.object();
    schema.put("description", type.kind() + " (" + gvk.apiVersion() + ")");
    schema.put("type", "object");
    ObjectNode props = schema.putObject("properties");
    typeMeta(props);
    ref(props.putObject("metadata"), OBJECT_META,
        "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata");
    ObjectNode spec = props.putObject("spec");
    spec.put("description", "Specification of the desired behavior of the " + type.kind() + ".");
    spec.put("type", "object");
    spec.put("x-kubernetes-preserve-unknown-fields", true);
    if (type.hasStatusSubresource()) {
      ObjectNode status = props.putObject("status");
      status.put("description", "Most recently observed status of the " + type.kind() + ".");
      status.put("type", "object");
      status.put("x-kubernetes-preserve-unknown-fields", true);
    }
    gvkList(schema, gvk);
    return schema;
  }

  static ObjectNode listSchemaFor(ResourceType type, GroupVersionKind gvk, String itemSchema) {
    ObjectNode schema = Json.object();
    schema.put("description", type.listKind() + " is a list of " + type.kind() + " objects.");
    schema.put("type", "object");
    schema.putArray("required").add("items");
    ObjectNode props = schema.putObject("properties");
    typeMeta(props);
    ObjectNode items = props.putObject("items");
    items.put("description", "Items is the list of " + type.kind() + ".");
    items.put("type", "array");
    ref(items.putObject("items"), "#/components/schemas/" + itemSchema, null);
    ref(props.putObject("metadata"), LIST_META, "Standard list metadata.");
    gvkList(schema, new GroupVersionKind(gvk.group(), gvk.version(), type.listKind()));
    return schema;
  }

  static void addShared(ObjectNode schemas) {
    ObjectNode meta = schemas.putObject(OBJECT_META);
    meta.put("description", "ObjectMeta is metadata that all persisted resources must have, which includes all "
        + "objects users must create.");
    meta.put("type", "object");
    ObjectNode props = meta.putObject("properties");
    for (String f : new String[] {"name", "namespace", "generateName", "uid", "resourceVersion",
        "creationTimestamp", "deletionTimestamp"}) {
      props.putObject(f).put("type", "string");
    }
    props.putObject("generation").put("type", "integer");
    for (String f : new String[] {"labels", "annotations"}) {
      ObjectNode map = props.putObject(f);
      map.put("type", "object");
      map.putObject("additionalProperties").put("type", "string");
    }
    meta.put("x-kubernetes-preserve-unknown-fields", true);
    ObjectNode listMeta = schemas.putObject(LIST_META);
    listMeta.put("type", "object");
    ObjectNode lp = listMeta.putObject("properties");
    lp.putObject("resourceVersion").put("type", "string");
    lp.putObject("continue").put("type", "string");
    lp.putObject("remainingItemCount").put("type", "integer");
  }

  private static void typeMeta(ObjectNode props) {
    ObjectNode apiVersion = props.putObject("apiVersion");
    apiVersion.put("description", "APIVersion defines the versioned schema of this representation of an object. "
        + "Servers should convert recognized schemas to the latest internal value, and may reject unrecognized "
        + "values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources");
    apiVersion.put("type", "string");
    ObjectNode kind = props.putObject("kind");
    kind.put("description", "Kind is a string value representing the REST resource this object represents. "
        + "Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In "
        + "CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds");
    kind.put("type", "string");
  }

  private static void ref(ObjectNode node, String target, String description) {
    ArrayNode allOf = node.putArray("allOf");
    allOf.addObject().put("$ref", target.startsWith("#") ? target : "#/components/schemas/" + target);
    if (description != null) {
      node.put("description", description);
    }
    node.putObject("default");
  }

  private static void gvkList(ObjectNode schema, GroupVersionKind gvk) {
    ObjectNode k = schema.putArray("x-kubernetes-group-version-kind").addObject();
    k.put("group", gvk.group());
    k.put("kind", gvk.kind());
    k.put("version", gvk.version());
  }
}
