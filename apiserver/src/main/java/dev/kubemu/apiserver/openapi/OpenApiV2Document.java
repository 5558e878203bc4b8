package dev.kubemu.apiserver.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.registry.ResourceRegistry;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.schema.Descriptions;
import dev.kubemu.core.schema.Schema;
import dev.kubemu.core.schema.SchemaCatalog;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /openapi/v2}: the Swagger 2.0 document of every served resource, generated from the registry and the
 * kinds' schemas like the v3 documents — as JSON, or as the protobuf-encoded gnostic {@code openapi_v2.Document}
 * kubectl asks for (kubectl 1.27/1.28 need it before apply, create -f and explain; {@code explain --output
 * plaintext-openapiv2} reads its definitions). Built once; the registry is immutable.
 */
public final class OpenApiV2Document {
  /** The Content-Type kubectl parses (dotted form; the {@code @} form it sends in Accept fails to parse). */
  public static final String CONTENT_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
  private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  private static final List<String> PATCH_TYPES = List.of("application/json-patch+json",
      "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml");

  private final ObjectNode json;
  private final byte[] protobuf;

  private OpenApiV2Document(ObjectNode json, byte[] protobuf) {
    this.json = json;
    this.protobuf = protobuf;
  }

  /** The document of every resource in {@code registry}. */
  public static OpenApiV2Document of(ResourceRegistry registry, String kubernetesVersion) {
    ObjectNode doc = Json.object();
    doc.put("swagger", "2.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", kubernetesVersion);
    ObjectNode paths = doc.putObject("paths");
    ObjectNode definitions = doc.putObject("definitions");
    KindSchemas schemas = new KindSchemas(definitions, Descriptions.builtin(), true);
    for (String group : registry.groups()) {
      for (String version : registry.versionsOf(group)) {
        for (ResourceType type : registry.typesIn(group, version)) {
          Schema kind = type.schema(version).orElse(null);
          if (kind == null) {
            continue;
          }
          GroupVersionKind gvk = type.gvk(version);
          Schema list = SchemaCatalog.builtin().definition(kind.name() + "List").orElse(null);
          schemas.addKind(type, gvk, kind, list);
          addPaths(paths, type, gvk, kind.name(), list != null ? list.name() : kind.name() + "List");
        }
      }
    }
    return new OpenApiV2Document(doc, encode(doc));
  }

  public byte[] json() {
    return Json.bytes(json);
  }

  public byte[] protobuf() {
    return protobuf;
  }

  // ------------------------------------------------------------------------------------------- paths

  private static void addPaths(ObjectNode paths, ResourceType type, GroupVersionKind gvk, String schema,
      String listSchema) {
    String prefix = gvk.group().isEmpty() ? "/api/" + gvk.version() : "/apis/" + gvk.group() + "/" + gvk.version();
    String base = type.namespaced() ? prefix + "/namespaces/{namespace}/" + type.plural() : prefix + "/"
        + type.plural();
    String suffix = (gvk.group().isEmpty() ? "Core" : camel(gvk.group().split("\\.")[0])) + camel(gvk.version())
        + (type.namespaced() ? "Namespaced" : "") + gvk.kind();
    ObjectNode collection = paths.putObject(base);
    collection.set("get", operation("list" + suffix, "list", gvk, listSchema, false, false));
    if (type.verbs().contains("create")) {
      collection.set("post", operation("create" + suffix, "post", gvk, schema, true, false));
    }
    ObjectNode item = paths.putObject(base + "/{name}");
    if (type.verbs().contains("get")) {
      item.set("get", operation("read" + suffix, "get", gvk, schema, false, false));
    }
    if (type.verbs().contains("update")) {
      item.set("put", operation("replace" + suffix, "put", gvk, schema, true, false));
    }
    if (type.verbs().contains("patch")) {
      item.set("patch", operation("patch" + suffix, "patch", gvk, schema, true, true));
    }
    if (type.verbs().contains("delete")) {
      item.set("delete", operation("delete" + suffix, "delete", gvk, schema, false, false));
    }
  }

  private static ObjectNode operation(String id, String action, GroupVersionKind gvk, String schema, boolean write,
      boolean patch) {
    ObjectNode op = Json.object();
    op.put("operationId", id);
    ArrayNode consumes = op.putArray("consumes");
    (patch ? PATCH_TYPES : List.of("*/*")).forEach(consumes::add);
    op.putArray("produces").add("application/json").add("application/yaml")
        .add("application/vnd.kubernetes.protobuf");
    ArrayNode params = op.putArray("parameters");
    if (write) {
      ObjectNode body = params.addObject();
      body.put("in", "body");
      body.put("name", "body");
      body.put("required", true);
      body.putObject("schema").put("$ref", "#/definitions/" + (patch
          ? "io.k8s.apimachinery.pkg.apis.meta.v1.Patch" : schema));
      for (String name : new String[] {"dryRun", "fieldManager", "fieldValidation"}) {
        ObjectNode p = params.addObject();
        p.put("in", "query");
        p.put("name", name);
        p.put("type", "string");
        p.put("uniqueItems", true);
      }
    }
    ObjectNode ok = op.putObject("responses").putObject("200");
    ok.put("description", "OK");
    ok.putObject("schema").put("$ref", "#/definitions/" + schema);
    op.put("x-kubernetes-action", action);
    ObjectNode k = op.putObject("x-kubernetes-group-version-kind");
    k.put("group", gvk.group());
    k.put("kind", gvk.kind());
    k.put("version", gvk.version());
    return op;
  }

  private static String camel(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  // ------------------------------------------------------------------------------------------- protobuf

  /** The gnostic {@code openapi_v2.Document} of the JSON document. */
  static byte[] encode(ObjectNode doc) {
    ProtoWriter d = new ProtoWriter();
    d.string(1, doc.path("swagger").asText());
    d.message(2, new ProtoWriter().string(1, doc.path("info").path("title").asText())
        .string(2, doc.path("info").path("version").asText()));
    ProtoWriter paths = new ProtoWriter();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      paths.message(2, new ProtoWriter().string(1, e.getKey()).message(2, pathItem(e.getValue())));
    }
    d.message(8, paths);
    ProtoWriter definitions = new ProtoWriter();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("definitions").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      definitions.message(1, new ProtoWriter().string(1, e.getKey()).message(2, schema(e.getValue())));
    }
    d.message(9, definitions);
    return d.toByteArray();
  }

  private static ProtoWriter pathItem(JsonNode item) {
    ProtoWriter p = new ProtoWriter();
    String[] verbs = {"get", "put", "post", "delete", "options", "head", "patch"};
    for (int i = 0; i < verbs.length; i++) {
      if (item.has(verbs[i])) {
        p.message(i + 2, operation(item.get(verbs[i])));
      }
    }
    return p;
  }

  private static ProtoWriter operation(JsonNode op) {
    ProtoWriter o = new ProtoWriter();
    o.string(5, op.path("operationId").asText());
    op.path("produces").forEach(v -> o.string(6, v.asText()));
    op.path("consumes").forEach(v -> o.string(7, v.asText()));
    for (JsonNode param : op.path("parameters")) {
      ProtoWriter parameter = new ProtoWriter();
      if (param.path("in").asText().equals("body")) {
        parameter.message(1, new ProtoWriter().string(2, param.path("name").asText()).string(3, "body")
            .bool(4, param.path("required").asBoolean()).message(5, schema(param.path("schema"))));
      } else {
        ProtoWriter query = new ProtoWriter().string(2, "query").string(4, param.path("name").asText())
            .string(6, param.path("type").asText()).bool(20, param.path("uniqueItems").asBoolean());
        parameter.message(2, new ProtoWriter().message(3, query));
      }
      o.message(8, new ProtoWriter().message(1, parameter));
    }
    ProtoWriter responses = new ProtoWriter();
    for (Iterator<Map.Entry<String, JsonNode>> it = op.path("responses").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      ProtoWriter response = new ProtoWriter().string(1, e.getValue().path("description").asText());
      if (e.getValue().has("schema")) {
        response.message(2, new ProtoWriter().message(1, schema(e.getValue().get("schema"))));
      }
      responses.message(1, new ProtoWriter().string(1, e.getKey()).message(2, new ProtoWriter()
          .message(1, response)));
    }
    o.message(9, responses);
    vendorExtensions(op, o, 13);
    return o;
  }

  private static ProtoWriter schema(JsonNode s) {
    ProtoWriter w = new ProtoWriter();
    w.string(1, s.path("$ref").asText(null));
    w.string(2, s.path("format").asText(null));
    w.string(4, s.path("description").asText(null));
    s.path("required").forEach(r -> w.string(19, r.asText()));
    if (s.has("additionalProperties")) {
      w.message(21, new ProtoWriter().message(1, schema(s.get("additionalProperties"))));
    }
    if (s.has("type")) {
      w.message(22, new ProtoWriter().string(1, s.get("type").asText()));
    }
    if (s.has("items")) {
      w.message(23, new ProtoWriter().message(1, schema(s.get("items"))));
    }
    if (s.has("properties")) {
      ProtoWriter properties = new ProtoWriter();
      for (Iterator<Map.Entry<String, JsonNode>> it = s.get("properties").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        properties.message(1, new ProtoWriter().string(1, e.getKey()).message(2, schema(e.getValue())));
      }
      w.message(25, properties);
    }
    vendorExtensions(s, w, 31);
    return w;
  }

  /** {@code x-} members as gnostic keeps them: named values holding their YAML text. */
  private static void vendorExtensions(JsonNode node, ProtoWriter w, int field) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("x-")) {
        w.message(field, new ProtoWriter().string(1, e.getKey()).message(2, new ProtoWriter().string(2,
            yaml(e.getValue()))));
      }
    }
  }

  private static String yaml(JsonNode value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
