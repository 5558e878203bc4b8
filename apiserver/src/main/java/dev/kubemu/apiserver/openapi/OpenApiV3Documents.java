package dev.kubemu.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.registry.ResourceRegistry;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.schema.Descriptions;
import dev.kubemu.core.schema.Schema;
import dev.kubemu.core.schema.SchemaCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenAPI v3: the index ({@code /openapi/v3}) and one document per group version, generated from the registry.
 * Every operation carries {@code x-kubernetes-group-version-kind}, and writes carry the {@code fieldValidation}
 * parameter, which is what tells kubectl to leave validation to the server. Documents are built on first use and
 * cached; the registry is immutable.
 */
public final class OpenApiV3Documents {
  private final ResourceRegistry registry;
  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
  private volatile byte[] index;

  public OpenApiV3Documents(ResourceRegistry registry) {
    this.registry = registry;
  }

  /**
   * {@code GET /openapi/v3}. kubectl only compares the {@code hash} of each document with what it cached, so it is
   * taken from what the document is made of (the registry's kinds, and the schema and description resources) rather
   * than from the document, which then need not be built until someone asks for it.
   */
  public byte[] index() {
    byte[] cached = index;
    if (cached == null) {
      ObjectNode doc = Json.object();
      ObjectNode paths = doc.putObject("paths");
      for (Map.Entry<String, String[]> gv : groupVersionPaths().entrySet()) {
        var ingredients = new StringBuilder(SchemaCatalog.builtin().fingerprint()).append('|')
            .append(Descriptions.builtin().fingerprint()).append('|').append(gv.getKey());
        for (ResourceType type : registry.typesIn(gv.getValue()[0], gv.getValue()[1])) {
          ingredients.append('|').append(type.plural()).append(type.verbs()).append(type.namespaced())
              .append(type.schema(gv.getValue()[1]).map(Schema::name).orElse(""));
        }
        paths.putObject(gv.getKey()).put("serverRelativeURL", "/openapi/v3/" + gv.getKey() + "?hash="
            + hash(ingredients.toString().getBytes(StandardCharsets.UTF_8)));
      }
      cached = Json.bytes(doc);
      index = cached;
    }
    return cached;
  }

  /** The document of {@code api/v1} or {@code apis/<group>/<version>}, or null when that is not served. */
  public byte[] document(String gvPath) {
    String[] gv = groupVersionPaths().get(gvPath);
    if (gv == null) {
      return null;
    }
    return documents.computeIfAbsent(gvPath, p -> Json.bytes(build(gv[0], gv[1])));
  }

  private Map<String, String[]> groupVersionPaths() {
    var map = new LinkedHashMap<String, String[]>();
    for (String group : registry.groups()) {
      for (String version : registry.versionsOf(group)) {
        map.put(group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version, new String[] {group, version});
      }
    }
    return map;
  }

  private ObjectNode build(String group, String version) {
    ObjectNode doc = Json.object();
    doc.put("openapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", "v1.33.1");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    KindSchemas components = new KindSchemas(schemas, Descriptions.builtin());
    String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    for (ResourceType type : registry.typesIn(group, version)) {
      GroupVersionKind gvk = type.gvk(version);
      Schema kindSchema = type.schema(version).orElse(null);
      if (kindSchema == null) {
        continue;
      }
      String schemaName = kindSchema.name();
      Schema listSchema = SchemaCatalog.builtin().definition(schemaName + "List").orElse(null);
      String base = type.namespaced() ? prefix + "/namespaces/{namespace}/" + type.plural() : prefix + "/"
          + type.plural();
      String opSuffix = operationSuffix(gvk, type.namespaced());
      ObjectNode collection = paths.putObject(base);
      String listName = listSchema != null ? listSchema.name() : schemaName + "List";
      collection.set("get", operation("list" + opSuffix, "list", gvk, listName, false));
      if (type.verbs().contains("create")) {
        collection.set("post", operation("create" + opSuffix, "post", gvk, schemaName, true));
      }
      ObjectNode item = paths.putObject(base + "/{name}");
      if (type.verbs().contains("get")) {
        item.set("get", operation("read" + opSuffix, "get", gvk, schemaName, false));
      }
      if (type.verbs().contains("update")) {
        item.set("put", operation("replace" + opSuffix, "put", gvk, schemaName, true));
      }
      if (type.verbs().contains("patch")) {
        item.set("patch", operation("patch" + opSuffix, "patch", gvk, schemaName, true));
      }
      if (type.verbs().contains("delete")) {
        item.set("delete", operation("delete" + opSuffix, "delete", gvk, schemaName, false));
      }
      if (type.namespaced()) {
        paths.putObject(prefix + "/" + type.plural()).set("get",
            operation("list" + operationSuffix(gvk, false) + "ForAllNamespaces", "list", gvk, listName, false));
      }
      components.addKind(type, gvk, kindSchema, listSchema);
    }
    ObjectNode patch = schemas.putObject("io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
    Descriptions.builtin().of("io.k8s.apimachinery.pkg.apis.meta.v1.Patch").ifPresent(d -> patch.put("description", d));
    patch.put("type", "object");
    return doc;
  }

  private static ObjectNode operation(String id, String action, GroupVersionKind gvk, String schema,
      boolean acceptsFieldValidation) {
    ObjectNode op = Json.object();
    op.put("operationId", id);
    op.put("x-kubernetes-action", action);
    ObjectNode k = op.putObject("x-kubernetes-group-version-kind");
    k.put("group", gvk.group());
    k.put("version", gvk.version());
    k.put("kind", gvk.kind());
    ArrayNode params = op.putArray("parameters");
    if (acceptsFieldValidation) {
      for (String name : new String[] {"dryRun", "fieldManager", "fieldValidation"}) {
        ObjectNode p = params.addObject();
        p.put("name", name);
        p.put("in", "query");
        p.put("description", name);
        p.putObject("schema").put("type", "string");
        p.put("uniqueItems", true);
      }
    }
    requestBody(op, action, schema);
    ObjectNode ok = op.putObject("responses").putObject("200");
    ok.put("description", "OK");
    ok.putObject("content").putObject("application/json").putObject("schema").put("$ref",
        "#/components/schemas/" + schema);
    return op;
  }

  /** PATCH lists the patch types it takes, strategic merge included; kubectl builds SMPs from them only then. */
  private static final List<String> PATCH_TYPES = List.of("application/apply-patch+yaml",
      "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json");
  private static final List<String> BODY_TYPES = List.of("*/*");

  private static void requestBody(ObjectNode op, String action, String schema) {
    List<String> types = switch (action) {
      case "patch" -> PATCH_TYPES;
      case "post", "put" -> BODY_TYPES;
      default -> List.of();
    };
    if (types.isEmpty()) {
      return;
    }
    ObjectNode body = op.putObject("requestBody");
    ObjectNode content = body.putObject("content");
    String ref = action.equals("patch") ? "io.k8s.apimachinery.pkg.apis.meta.v1.Patch" : schema;
    for (String type : types) {
      content.putObject(type).putObject("schema").put("$ref", "#/components/schemas/" + ref);
    }
    body.put("required", true);
  }

  private static String operationSuffix(GroupVersionKind gvk, boolean namespaced) {
    String group = gvk.group().isEmpty() ? "Core" : camel(gvk.group().split("\\.")[0]);
    return group + camel(gvk.version()) + (namespaced ? "Namespaced" : "") + gvk.kind();
  }

  private static String camel(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }

  static String hash(byte[] document) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-512").digest(document);
      return HexFormat.of().withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
