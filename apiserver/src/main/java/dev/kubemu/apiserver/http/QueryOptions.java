package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.RequestContext.FieldValidation;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.object.FieldSelector;
import dev.kubemu.core.object.LabelSelector;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Reads the query parameters (and DeleteOptions bodies) of API requests. */
final class QueryOptions {
  private QueryOptions() {}

  static String param(RoutingContext rc, String name) {
    return rc.request().getParam(name);
  }

  static boolean flag(RoutingContext rc, String name) {
    String v = param(rc, name);
    return v != null && (v.equals("true") || v.equals("1"));
  }

  static ListOptions list(RoutingContext rc) {
    LabelSelector labels;
    FieldSelector fields;
    try {
      labels = LabelSelector.parse(param(rc, "labelSelector"));
    } catch (IllegalArgumentException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
    try {
      fields = FieldSelector.parse(param(rc, "fieldSelector"));
    } catch (IllegalArgumentException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
    long limit = 0;
    String limitText = param(rc, "limit");
    if (limitText != null && !limitText.isEmpty()) {
      try {
        limit = Math.max(0, Long.parseLong(limitText));
      } catch (NumberFormatException e) {
        throw ApiErrors.badRequest("limit: Invalid value: \"" + limitText + "\": must be an integer");
      }
    }
    String rv = param(rc, "resourceVersion");
    return new ListOptions(labels, fields, limit, param(rc, "continue"), rv == null ? "" : rv);
  }

  static RequestContext request(RoutingContext rc) {
    return new RequestContext(dryRun(rc.request().params().getAll("dryRun")),
        param(rc, "fieldManager") == null ? "" : param(rc, "fieldManager"), fieldValidation(rc),
        "kubernetes-admin", rc.request().getHeader("User-Agent"), force(rc), List.of(),
        Responses.warnings(rc));
  }

  private static boolean force(RoutingContext rc) {
    String v = param(rc, "force");
    if (v == null || v.isEmpty()) {
      return false;
    }
    return switch (v) {
      case "true", "True", "TRUE", "1", "t", "T" -> true;
      case "false", "False", "FALSE", "0", "f", "F" -> false;
      default -> throw ApiErrors.badRequest("force: Invalid value: \"" + v + "\": must be a boolean");
    };
  }

  static boolean dryRun(List<String> values) {
    boolean dry = false;
    for (String v : values) {
      if (v.equals("All")) {
        dry = true;
      } else if (!v.isEmpty()) {
        throw ApiErrors.badRequest("Invalid dry run value: \"" + v + "\": supported values: \"All\"");
      }
    }
    return dry;
  }

  private static FieldValidation fieldValidation(RoutingContext rc) {
    String v = param(rc, "fieldValidation");
    if (v == null || v.isEmpty()) {
      return FieldValidation.WARN;
    }
    return switch (v) {
      case "Strict" -> FieldValidation.STRICT;
      case "Warn" -> FieldValidation.WARN;
      case "Ignore" -> FieldValidation.IGNORE;
      default -> throw ApiErrors.badRequest("fieldValidation: Invalid value: \"" + v
          + "\": fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\"");
    };
  }

  /** DeleteOptions from the body (if any) and the query, the query winning as on kube-apiserver. */
  static DeleteOptions delete(RoutingContext rc, JsonNode body) {
    Long grace = body != null && body.has("gracePeriodSeconds") ? body.get("gracePeriodSeconds").asLong() : null;
    String propagation = body != null ? textOrNull(body.get("propagationPolicy")) : null;
    if (body != null && propagation == null && body.has("orphanDependents")) {
      propagation = body.get("orphanDependents").asBoolean() ? "Orphan" : "Background";
    }
    String uid = body != null ? textOrNull(body.path("preconditions").get("uid")) : null;
    String rv = body != null ? textOrNull(body.path("preconditions").get("resourceVersion")) : null;
    boolean dry = false;
    if (body != null && body.get("dryRun") != null) {
      var values = new java.util.ArrayList<String>();
      body.get("dryRun").forEach(v -> values.add(v.asText()));
      dry = dryRun(values);
    }
    String graceParam = param(rc, "gracePeriodSeconds");
    if (graceParam != null) {
      try {
        grace = Long.parseLong(graceParam);
      } catch (NumberFormatException e) {
        throw ApiErrors.badRequest("gracePeriodSeconds: Invalid value: \"" + graceParam + "\"");
      }
    }
    if (param(rc, "propagationPolicy") != null) {
      propagation = param(rc, "propagationPolicy");
    }
    if (propagation != null && !List.of("Orphan", "Background", "Foreground").contains(propagation)) {
      throw ApiErrors.badRequest("propagationPolicy: Unsupported value: \"" + propagation
          + "\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
    }
    dry = dry || dryRun(rc.request().params().getAll("dryRun"));
    if (grace != null && grace < 0) {
      grace = 1L;
    }
    return new DeleteOptions(grace, propagation, uid, rv, dry);
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
