package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.ListResult;
import dev.kubemu.core.api.PatchType;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.api.WriteResult;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.printing.TableConverter;
import dev.kubemu.core.store.StoredObject;
import io.vertx.core.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** The REST verbs on resources and their subresources: parse, call {@link ResourceOperations}, render. */
final class ResourceEndpoints {
  /**
   * Namespaced lists longer than this are encoded on a worker thread and streamed, not encoded on the event loop
   * (kubectl asks for pages of 500; a 500-pod Table is a megabyte of JSON).
   */
  private static final int LARGE_LIST = 100;

  private final ResourceOperations operations;
  private final BodyReader bodies;
  private final WatchStreams watches;
  private final SubresourceEndpoints subresources;

  ResourceEndpoints(ResourceOperations operations, BodyReader bodies, SubresourceEndpoints subresources) {
    this.operations = operations;
    this.bodies = bodies;
    this.watches = new WatchStreams(operations);
    this.subresources = subresources;
    subresources.attach(this);
  }

  void handle(RoutingContext rc, RequestTarget target) {
    HttpMethod method = rc.request().method();
    target.type().deprecationWarning().ifPresent(Responses.warnings(rc)::add);
    if (target.subresource() != null) {
      subresources.handle(rc, target);
      return;
    }
    if (method == HttpMethod.GET) {
      if (target.collection()) {
        if (QueryOptions.flag(rc, "watch")) {
          requireVerb(target, "watch");
          watches.start(rc, target);
        } else {
          requireVerb(target, "list");
          list(rc, target);
        }
      } else {
        requireVerb(target, "get");
        get(rc, target);
      }
    } else if (method == HttpMethod.POST && target.collection()) {
      requireVerb(target, "create");
      create(rc, target);
    } else if (method == HttpMethod.PUT && !target.collection()) {
      requireVerb(target, "update");
      ObjectNode body = bodies.object(rc);
      WriteResult r = operations.update(target.type(), target.version(), target.namespace(), target.name(), body,
          bodies.request(rc), Target.MAIN);
      Responses.written(rc, r.created() ? 201 : 200, r);
    } else if (method == HttpMethod.PATCH && !target.collection()) {
      requireVerb(target, "patch");
      WriteResult r = patch(rc, target, Target.MAIN);
      Responses.written(rc, r.created() ? 201 : 200, r);
    } else if (method == HttpMethod.DELETE) {
      delete(rc, target);
    } else {
      throw ApiErrors.methodNotSupported(target.type().groupResource(), method.name().toLowerCase());
    }
  }

  private static void requireVerb(RequestTarget target, String verb) {
    if (!target.type().verbs().contains(verb)) {
      throw ApiErrors.methodNotSupported(target.type().groupResource(), verb);
    }
  }

  private void get(RoutingContext rc, RequestTarget target) {
    StoredObject stored = operations.get(target.type(), target.namespace(), target.name());
    String tableVersion = MediaTypes.tableVersion(rc.request().getHeader("Accept"));
    if (tableVersion != null) {
      var table = new TableWriter(operations, target, tableVersion, includeObject(rc));
      Responses.object(rc, 200, table.single(stored, stored.resourceVersion(), true));
      return;
    }
    Responses.object(rc, 200, operations.encode(target.type(), target.version(), stored));
  }

  private void list(RoutingContext rc, RequestTarget target) {
    ListOptions options = QueryOptions.list(rc);
    String tableVersion = MediaTypes.tableVersion(rc.request().getHeader("Accept"));
    TableConverter.IncludeObject include = tableVersion != null ? includeObject(rc) : null;
    if (target.namespace() == null) {
      // across namespaces (or cluster-scoped): even taking the page can mean walking every object of the resource
      stream(rc, () -> operations.list(target.type(), null, options), target, tableVersion, include);
      return;
    }
    ListResult result = operations.list(target.type(), target.namespace(), options);
    if (result.items().size() > LARGE_LIST) {
      stream(rc, () -> result, target, tableVersion, include);
      return;
    }
    var out = new ByteArrayOutputStream(256 + result.items().size() * 2048);
    try {
      writeList(out, target, result, tableVersion, include);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Responses.object(rc, 200, out.toByteArray());
  }

  /** Takes the page and encodes it on a worker, sending the body while it is encoded. */
  private void stream(RoutingContext rc, Supplier<ListResult> page, RequestTarget target, String tableVersion,
      TableConverter.IncludeObject include) {
    Context context = rc.vertx().getOrCreateContext();
    var body = new StreamedBody(rc, context, MediaTypes.JSON, Compression.accepted(rc));
    context.executeBlocking(() -> {
      writeList(body, target, page.get(), tableVersion, include);
      body.close();
      return null;
    }, false).onFailure(body::fail);
  }

  /** Writes a list, or a Table of it when {@code tableVersion} is set, to {@code out}. */
  private void writeList(OutputStream out, RequestTarget target, ListResult result, String tableVersion,
      TableConverter.IncludeObject include) throws IOException {
    if (tableVersion != null) {
      var table = new TableWriter(operations, target, tableVersion, include);
      try (JsonGenerator g = TableWriter.generator(out)) {
        table.begin(g, result.resourceVersion(), result.continueToken(), result.remainingItemCount(), true);
        for (StoredObject o : result.items()) {
          table.row(g, o);
        }
        table.end(g);
      }
      return;
    }
    ObjectNode meta = Json.object();
    listMeta(meta, result);
    String apiVersion = target.type().gvk(target.version()).apiVersion();
    out.write(("{\"kind\":\"" + target.type().listKind() + "\",\"apiVersion\":\"" + apiVersion
        + "\",\"metadata\":" + Json.string(meta) + ",\"items\":[").getBytes(StandardCharsets.UTF_8));
    boolean first = true;
    for (StoredObject o : result.items()) {
      if (!first) {
        out.write(',');
      }
      first = false;
      out.write(operations.encode(target.type(), target.version(), o));
    }
    out.write(']');
    out.write('}');
  }

  private static void listMeta(ObjectNode meta, ListResult result) {
    meta.put("resourceVersion", Long.toString(result.resourceVersion()));
    if (result.continueToken() != null) {
      meta.put("continue", result.continueToken());
    }
    if (result.remainingItemCount() != null) {
      meta.put("remainingItemCount", result.remainingItemCount());
    }
  }

  static TableConverter.IncludeObject includeObject(RoutingContext rc) {
    try {
      return TableConverter.IncludeObject.parse(QueryOptions.param(rc, "includeObject"));
    } catch (IllegalArgumentException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
  }

  private void create(RoutingContext rc, RequestTarget target) {
    ObjectNode body = bodies.object(rc);
    WriteResult r = operations.create(target.type(), target.version(), target.namespace(), body,
        bodies.request(rc));
    Responses.written(rc, 201, r);
  }

  WriteResult patch(RoutingContext rc, RequestTarget target, Target part) {
    PatchType type = patchType(rc);
    if (type == PatchType.APPLY_YAML) {
      return operations.apply(target.type(), target.version(), target.namespace(), target.name(), bodies.object(rc),
          bodies.request(rc), part);
    }
    JsonNode patch = bodies.tree(rc);
    RequestContext request = bodies.request(rc);
    return operations.patch(target.type(), target.version(), target.namespace(), target.name(), type, patch, request,
        part);
  }

  static PatchType patchType(RoutingContext rc) {
    String contentType = rc.request().getHeader("Content-Type");
    return PatchType.fromMediaType(contentType).orElseThrow(() -> ApiErrors.unsupportedMediaType(contentType));
  }

  private void delete(RoutingContext rc, RequestTarget target) {
    JsonNode body = rc.body() != null && rc.body().length() > 0 ? bodies.tree(rc) : null;
    var options = QueryOptions.delete(rc, body);
    RequestContext request = QueryOptions.request(rc);
    if (target.collection()) {
      requireVerb(target, "deletecollection");
      List<ObjectNode> deleted = operations.deleteCollection(target.type(), target.version(), target.namespace(),
          QueryOptions.list(rc), options, request);
      ObjectNode list = Json.object();
      list.put("kind", target.type().listKind());
      list.put("apiVersion", target.type().gvk(target.version()).apiVersion());
      list.putObject("metadata").put("resourceVersion", Long.toString(operations.store().revision()));
      deleted.forEach(list.putArray("items")::add);
      Responses.json(rc, 200, list);
      return;
    }
    requireVerb(target, "delete");
    WriteResult r = operations.delete(target.type(), target.version(), target.namespace(), target.name(), options,
        request);
    Responses.json(rc, 200, r.object());
  }
}
