package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.PatchType;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.api.WriteResult;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.printing.TableConverter;
import dev.kubemu.core.errors.Status;
import dev.kubemu.kinds.core.NamespaceFinalize;
import dev.kubemu.kinds.core.PodBinding;
import dev.kubemu.kinds.core.PodEviction;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/** status, scale, binding, eviction, log, finalize and the streaming subresources kubemu cannot serve. */
final class SubresourceEndpoints {
  private final ResourceOperations operations;
  private final BodyReader bodies;
  private final PodLogSource logs;
  private ResourceEndpoints resources;

  SubresourceEndpoints(ResourceOperations operations, BodyReader bodies, PodLogSource logs) {
    this.operations = operations;
    this.bodies = bodies;
    this.logs = logs;
  }

  void attach(ResourceEndpoints resources) {
    this.resources = resources;
  }

  void handle(RoutingContext rc, RequestTarget target) {
    HttpMethod method = rc.request().method();
    switch (target.subresource()) {
      case "status" -> status(rc, target, method);
      case "scale" -> scale(rc, target, method);
      case "binding" -> {
        requireMethod(target, method, HttpMethod.POST);
        ObjectNode binding = bodies.object(rc);
        PodBinding.bind(operations, target.namespace(), target.name(), binding.path("target").path("name").asText(""),
            QueryOptions.request(rc));
        Responses.json(rc, 201, Status.success(null, null, null, null));
      }
      case "eviction" -> {
        requireMethod(target, method, HttpMethod.POST);
        PodEviction.evict(operations, target.namespace(), target.name(), bodies.object(rc), QueryOptions.request(rc));
        Responses.json(rc, 201, Status.success(null, null, null, null));
      }
      case "finalize" -> {
        requireMethod(target, method, HttpMethod.PUT);
        Responses.json(rc, 200, NamespaceFinalize.finalize(operations, target.name(), bodies.object(rc),
            QueryOptions.request(rc)));
      }
      case "log" -> {
        requireMethod(target, method, HttpMethod.GET);
        log(rc, target);
      }
      case "exec", "attach", "portforward" -> throw ApiErrors.badRequest("kubemu simulates pods without running "
          + "processes, so it cannot " + switch (target.subresource()) {
            case "exec" -> "exec into pod ";
            case "attach" -> "attach to pod ";
            default -> "forward ports to pod ";
          } + target.name());
      default -> throw ApiErrors.notFoundPath();
    }
  }

  private void status(RoutingContext rc, RequestTarget target, HttpMethod method) {
    if (method == HttpMethod.GET) {
      Responses.bytes(rc, 200, MediaTypes.JSON, operations.encode(target.type(), target.version(),
          operations.get(target.type(), target.namespace(), target.name())));
    } else if (method == HttpMethod.PUT) {
      WriteResult r = operations.update(target.type(), target.version(), target.namespace(), target.name(),
          bodies.object(rc), bodies.request(rc), Target.STATUS);
      Responses.written(rc, 200, r);
    } else if (method == HttpMethod.PATCH) {
      Responses.written(rc, 200, resources.patch(rc, target, Target.STATUS));
    } else {
      throw ApiErrors.methodNotSupported(target.type().groupResource(), method.name().toLowerCase());
    }
  }

  private void scale(RoutingContext rc, RequestTarget target, HttpMethod method) {
    if (method == HttpMethod.GET) {
      ObjectNode scale = operations.getScale(target.type(), target.namespace(), target.name());
      String tableVersion = MediaTypes.tableVersion(rc.request().getHeader("Accept"));
      if (tableVersion != null) {
        var columns = dev.kubemu.kinds.printing.ScalePrinters.columns();
        ObjectNode table = TableConverter.table(columns, true);
        table.put("apiVersion", "meta.k8s.io/" + tableVersion);
        ((ObjectNode) table.get("metadata")).put("resourceVersion",
            scale.path("metadata").path("resourceVersion").asText());
        TableConverter.addRow(table, columns, scale, scale, ResourceEndpoints.includeObject(rc),
            operations.clock().now());
        Responses.json(rc, 200, table);
        return;
      }
      Responses.json(rc, 200, scale);
    } else if (method == HttpMethod.PUT) {
      Responses.json(rc, 200, operations.updateScale(target.type(), target.namespace(), target.name(),
          bodies.object(rc), QueryOptions.request(rc)));
    } else if (method == HttpMethod.PATCH) {
      PatchType type = ResourceEndpoints.patchType(rc);
      if (type == PatchType.APPLY_YAML) {
        Responses.json(rc, 200, operations.applyScale(target.type(), target.namespace(), target.name(),
            bodies.object(rc), bodies.request(rc)));
        return;
      }
      JsonNode patch = bodies.tree(rc);
      Responses.json(rc, 200, operations.patchScale(target.type(), target.namespace(), target.name(), type, patch,
          QueryOptions.request(rc)));
    } else {
      throw ApiErrors.methodNotSupported(target.type().groupResource(), method.name().toLowerCase());
    }
  }

  /** Container checks as kube-apiserver's LogLocation does them; an unscheduled pod has an empty log. */
  private void log(RoutingContext rc, RequestTarget target) {
    JsonNode pod = operations.getTree(target.type(), target.namespace(), target.name());
    String container = QueryOptions.param(rc, "container");
    var names = new ArrayList<String>();
    pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
    var all = new ArrayList<>(names);
    pod.path("spec").path("initContainers").forEach(c -> all.add(c.path("name").asText()));
    pod.path("spec").path("ephemeralContainers").forEach(c -> all.add(c.path("name").asText()));
    if (container == null || container.isEmpty()) {
      if (names.size() == 1) {
        container = names.get(0);
      } else {
        throw ApiErrors.badRequest("a container name must be specified for pod " + target.name() + ", choose one of: "
            + names.toString().replace(",", ""));
      }
    } else if (!all.contains(container)) {
      throw ApiErrors.badRequest("container " + container + " is not valid for pod " + target.name());
    }
    String text = "";
    if (!pod.path("spec").path("nodeName").asText("").isEmpty()) {
      var query = new LinkedHashMap<String, String>();
      rc.request().params().forEach(e -> query.put(e.getKey(), e.getValue()));
      text = logs.read(pod, container, query);
    }
    if (QueryOptions.flag(rc, "follow") && !QueryOptions.flag(rc, "previous") && running(pod, container)) {
      follow(rc, target, text);
      return;
    }
    Responses.bytes(rc, 200, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the container runs now; a stopped container's log is complete, so following it ends at once. */
  private static boolean running(JsonNode pod, String container) {
    for (String field : new String[] {"containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"}) {
      for (JsonNode s : pod.path("status").path(field)) {
        if (s.path("name").asText().equals(container)) {
          return s.path("state").has("running");
        }
      }
    }
    return false;
  }

  /**
   * {@code logs -f}: the simulated container prints nothing after start-up, so the stream stays open, quiet, until
   * the pod is deleted or the client goes away.
   */
  private void follow(RoutingContext rc, RequestTarget target, String text) {
    var response = rc.response();
    response.setStatusCode(200).putHeader("Content-Type", "text/plain").setChunked(true);
    response.write(text);
    var context = rc.vertx().getOrCreateContext();
    var options = new dev.kubemu.core.api.ListOptions(dev.kubemu.core.object.LabelSelector.everything(),
        dev.kubemu.core.object.FieldSelector.parse("metadata.name=" + target.name()), 0, null,
        Long.toString(operations.store().revision()));
    var subscription = operations.watch(target.type(), target.namespace(), options,
        task -> context.runOnContext(v -> task.run()), event -> {
          if (event.type() == dev.kubemu.core.store.WatchEvent.Type.DELETED && !response.ended()) {
            response.end();
          }
        });
    response.closeHandler(v -> subscription.close());
    response.endHandler(v -> subscription.close());
  }

  private static void requireMethod(RequestTarget target, HttpMethod actual, HttpMethod expected) {
    if (actual != expected) {
      throw ApiErrors.methodNotSupported(target.type().groupResource(), actual.name().toLowerCase());
    }
  }
}
