package dev.kubemu.core.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;

/** Builds {@code v1 Status} objects. */
public final class Status {
  private Status() {}

  public static ObjectNode failure(int code, String reason, String message, ApiException.StatusDetails details) {
    ObjectNode status = base();
    status.put("status", "Failure");
    status.put("message", message);
    if (reason != null && !reason.isEmpty()) {
      status.put("reason", reason);
    }
    if (details != null) {
      ObjectNode d = status.putObject("details");
      putIfPresent(d, "name", details.name());
      putIfPresent(d, "group", details.group());
      putIfPresent(d, "kind", details.kind());
      if (!details.causes().isEmpty()) {
        var causes = d.putArray("causes");
        for (var cause : details.causes()) {
          ObjectNode c = causes.addObject();
          putIfPresent(c, "reason", cause.reason());
          putIfPresent(c, "message", cause.message());
          putIfPresent(c, "field", cause.field());
        }
      }
      if (details.retryAfterSeconds() > 0) {
        d.put("retryAfterSeconds", details.retryAfterSeconds());
      }
    }
    status.put("code", code);
    return status;
  }

  /** The Status a successful delete of {@code name} returns when the object is not returned. */
  public static ObjectNode success(String name, String group, String kind, String uid) {
    ObjectNode status = base();
    status.put("status", "Success");
    ObjectNode d = status.putObject("details");
    putIfPresent(d, "name", name);
    putIfPresent(d, "group", group);
    putIfPresent(d, "kind", kind);
    putIfPresent(d, "uid", uid);
    return status;
  }

  private static ObjectNode base() {
    ObjectNode status = Json.object();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    return status;
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }
}
