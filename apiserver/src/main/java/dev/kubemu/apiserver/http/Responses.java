package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes JSON bodies and Status errors. */
final class Responses {
  private static final Logger LOG = Logger.getLogger(Responses.class.getName());

  private Responses() {}

  static void json(RoutingContext rc, int status, JsonNode body) {
    bytes(rc, status, MediaTypes.JSON, Json.bytes(body));
  }

  static void bytes(RoutingContext rc, int status, String contentType, byte[] body) {
    HttpServerResponse response = rc.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", contentType);
    addAuditId(response);
    response.end(Buffer.buffer(body));
  }

  static void error(RoutingContext rc, Throwable failure) {
    ApiException api;
    if (failure instanceof ApiException e) {
      api = e;
    } else {
      LOG.log(Level.SEVERE, "unexpected failure serving " + rc.request().method() + " " + rc.request().uri(),
          failure);
      api = dev.kubemu.core.errors.ApiErrors.internal(String.valueOf(failure));
    }
    json(rc, api.code(), api.toStatus());
  }

  private static void addAuditId(HttpServerResponse response) {
    response.putHeader("Cache-Control", "no-cache, private");
  }
}
