package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.api.Warnings;
import dev.kubemu.core.api.WriteResult;
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

  /** The object a write returned. */
  static void written(RoutingContext rc, int status, WriteResult result) {
    bytes(rc, status, MediaTypes.JSON, result.encoded());
  }

  /** A {@code Warning: 299 - "text"} header, as kube-apiserver sends for deprecations and unknown fields. */
  static void warning(RoutingContext rc, String text) {
    rc.response().headers().add("Warning", "299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
  }

  private static final String WARNINGS = "kubemu.warnings";

  /** Where the pipeline collects this request's warnings; sent as headers with the response, success or failure. */
  static Warnings warnings(RoutingContext rc) {
    Warnings w = rc.get(WARNINGS);
    if (w == null) {
      w = Warnings.collecting();
      rc.put(WARNINGS, w);
    }
    return w;
  }

  private static void sendWarnings(RoutingContext rc) {
    Warnings w = rc.get(WARNINGS);
    if (w != null) {
      w.texts().forEach(text -> warning(rc, text));
    }
  }

  static void bytes(RoutingContext rc, int status, String contentType, byte[] body) {
    HttpServerResponse response = rc.response();
    if (response.ended() || response.closed()) {
      return;
    }
    head(rc, status, contentType);
    response.end(Buffer.buffer(body));
  }

  /**
   * An encoded API object or list: gzipped when it is longer than {@link Compression#THRESHOLD} and the client
   * accepts gzip, as kube-apiserver sends them.
   */
  static void object(RoutingContext rc, int status, byte[] body) {
    HttpServerResponse response = rc.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (body.length > Compression.THRESHOLD && Compression.accepted(rc)) {
      head(rc, status, MediaTypes.JSON);
      Compression.markGzip(response);
      response.end(Buffer.buffer(Compression.gzip(body)));
      return;
    }
    bytes(rc, status, MediaTypes.JSON, body);
  }

  /** Status line and headers of a response whose body follows: content type, warnings, cache control. */
  static void head(RoutingContext rc, int status, String contentType) {
    HttpServerResponse response = rc.response();
    response.setStatusCode(status).putHeader("Content-Type", contentType);
    sendWarnings(rc);
    addAuditId(response);
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
