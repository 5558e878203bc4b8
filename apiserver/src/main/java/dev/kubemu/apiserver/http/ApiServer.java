package dev.kubemu.apiserver.http;

import dev.kubemu.apiserver.discovery.DiscoveryDocuments;
import dev.kubemu.apiserver.openapi.OpenApiV2Document;
import dev.kubemu.apiserver.openapi.OpenApiV3Documents;
import dev.kubemu.apiserver.protobuf.ProtobufBodyDecoder;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.errors.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * The Kubernetes REST API over Vert.x: discovery, OpenAPI, version and health endpoints, and every resource in the
 * registry. Handlers only parse, call {@link ResourceOperations} and render; errors of any kind leave as a
 * {@code Status}.
 */
public final class ApiServer implements AutoCloseable {
  /** Paths kube-apiserver serves to unauthenticated clients by default. */
  private static final Set<String> PUBLIC_PATHS = Set.of("/version", "/healthz", "/livez", "/readyz");

  private final Vertx vertx;
  private final ApiServerConfig config;
  private final ResourceOperations operations;
  private final DiscoveryDocuments discovery;
  private final OpenApiV3Documents openApi;
  private final RequestTargetParser targets;
  private final ResourceEndpoints resources;
  private final java.util.function.Supplier<OpenApiV2Document> openApiV2;
  private HttpServer server;

  public ApiServer(Vertx vertx, ApiServerConfig config, ResourceOperations operations, PodLogSource logs) {
    this.vertx = vertx;
    this.config = config;
    this.operations = operations;
    this.discovery = new DiscoveryDocuments(operations.registry());
    this.openApi = new OpenApiV3Documents(operations.registry());
    this.targets = new RequestTargetParser(operations.registry());
    BodyReader bodies = new BodyReader(new ProtobufBodyDecoder());
    this.resources = new ResourceEndpoints(operations, bodies, new SubresourceEndpoints(operations, bodies, logs));
    this.openApiV2 = memoize(() -> OpenApiV2Document.of(operations.registry(), config.version().gitVersion()));
  }

  /** Binds and starts serving; completes with this server once it accepts connections. */
  public Future<ApiServer> start() {
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setMaxHeaderSize(64 * 1024);
    if (config.tls() != null) {
      options.setSsl(true).setUseAlpn(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertValue(Buffer.buffer(config.tls().certificatePem()))
          .setKeyValue(Buffer.buffer(config.tls().privateKeyPem())));
    }
    return vertx.createHttpServer(options).requestHandler(router()).listen().map(s -> {
      this.server = s;
      return this;
    });
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    if (server == null) {
      throw new IllegalStateException("the server is not started; call start() first");
    }
    return server.actualPort();
  }

  /** {@code https://127.0.0.1:PORT} or {@code http://...}. */
  public String url() {
    return (config.tls() != null ? "https" : "http") + "://" + hostForUrl() + ":" + actualPort();
  }

  private String hostForUrl() {
    String host = config.host();
    if (host.equals("0.0.0.0")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  @Override
  public void close() {
    stop();
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(this::authenticate);
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxRequestBodyBytes()));
    router.route().handler(this::dispatch);
    router.route().failureHandler(rc -> {
      Throwable failure = rc.failure();
      if (failure == null) {
        failure = rc.statusCode() == 413
            ? ApiErrors.requestEntityTooLarge("Request entity too large: limit is " + config.maxRequestBodyBytes())
            : new ApiException(rc.statusCode(), "", "the server could not handle the request", null);
      }
      Responses.error(rc, failure);
    });
    return router;
  }

  private void authenticate(RoutingContext rc) {
    String token = config.bearerToken();
    if (token == null || PUBLIC_PATHS.contains(rc.normalizedPath())) {
      rc.next();
      return;
    }
    String header = rc.request().getHeader("Authorization");
    String expected = "Bearer " + token;
    if (header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8))) {
      rc.next();
      return;
    }
    Responses.error(rc, ApiErrors.unauthorized());
  }

  private void dispatch(RoutingContext rc) {
    try {
      route(rc);
    } catch (Throwable e) {
      Responses.error(rc, e);
    }
  }

  private void route(RoutingContext rc) {
    String path = rc.normalizedPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    List<String> parts = List.of(path.substring(1).split("/", 4));
    String accept = rc.request().getHeader("Accept");
    boolean get = rc.request().method() == HttpMethod.GET;
    switch (parts.get(0)) {
      case "version" -> Responses.json(rc, 200, config.version().toJson());
      case "healthz", "livez", "readyz" -> Responses.bytes(rc, 200, "text/plain; charset=utf-8",
          "ok".getBytes(StandardCharsets.UTF_8));
      case "api" -> {
        if (parts.size() == 1 && get) {
          legacyOrAggregated(rc, accept, true);
        } else if (parts.size() == 2 && get) {
          resourceList(rc, "", parts.get(1));
        } else if (parts.size() >= 3) {
          resources.handle(rc, targets.parse("", parts.get(1), String.join("/", parts.subList(2, parts.size()))));
        } else {
          throw ApiErrors.notFoundPath();
        }
      }
      case "apis" -> apis(rc, parts, accept, get);
      case "openapi" -> openApi(rc, path);
      case "swagger-2.0.0.pb-v1" -> openApiV2(rc, true);
      default -> throw ApiErrors.notFoundPath();
    }
  }

  private void apis(RoutingContext rc, List<String> parts, String accept, boolean get) {
    if (parts.size() == 1 && get) {
      legacyOrAggregated(rc, accept, false);
      return;
    }
    if (parts.size() == 2 && get) {
      var group = discovery.group(parts.get(1));
      if (group == null) {
        throw ApiErrors.notFoundPath();
      }
      Responses.json(rc, 200, group);
      return;
    }
    if (parts.size() == 3 && get) {
      resourceList(rc, parts.get(1), parts.get(2));
      return;
    }
    if (parts.size() == 4) {
      resources.handle(rc, targets.parse(parts.get(1), parts.get(2), parts.get(3)));
      return;
    }
    throw ApiErrors.notFoundPath();
  }

  private void legacyOrAggregated(RoutingContext rc, String accept, boolean core) {
    String aggregated = MediaTypes.aggregatedDiscoveryVersion(accept);
    if (aggregated != null) {
      String contentType = "application/json;g=apidiscovery.k8s.io;v=" + aggregated + ";as=APIGroupDiscoveryList";
      Responses.bytes(rc, 200, contentType,
          core ? discovery.aggregatedCore(aggregated) : discovery.aggregatedGroups(aggregated));
    } else if (core) {
      Responses.json(rc, 200, discovery.apiVersions(rc.request().authority() != null
          ? rc.request().authority().toString() : config.host() + ":" + actualPort()));
    } else {
      Responses.bytes(rc, 200, MediaTypes.JSON, discovery.groupListBytes());
    }
  }

  private void resourceList(RoutingContext rc, String group, String version) {
    var list = discovery.resourceList(group, version);
    if (list == null) {
      throw ApiErrors.notFoundPath();
    }
    Responses.json(rc, 200, list);
  }

  /** The v2 document, built on first use off the event loop. */
  private void openApiV2(RoutingContext rc, boolean protobuf) {
    rc.vertx().executeBlocking(openApiV2::get, false)
        .onSuccess(doc -> {
          if (protobuf) {
            Responses.bytes(rc, 200, OpenApiV2Document.CONTENT_TYPE, doc.protobuf());
          } else {
            Responses.bytes(rc, 200, MediaTypes.JSON, doc.json());
          }
        })
        .onFailure(e -> Responses.error(rc, e));
  }

  private static <T> java.util.function.Supplier<T> memoize(java.util.function.Supplier<T> build) {
    return new java.util.function.Supplier<>() {
      private volatile T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = build.get();
        }
        return value;
      }
    };
  }

  private void openApi(RoutingContext rc, String path) {
    if (path.equals("/openapi/v2")) {
      String accept = rc.request().getHeader("Accept");
      openApiV2(rc, accept != null && accept.contains("protobuf"));
    } else if (path.equals("/openapi/v3") || path.startsWith("/openapi/v3/")) {
      // documents are built once, on first use, which takes long enough to keep off the event loop
      rc.vertx().executeBlocking(() -> path.equals("/openapi/v3") ? openApi.index()
              : openApi.document(path.substring("/openapi/v3/".length())), false)
          .onSuccess(doc -> {
            if (doc == null) {
              Responses.error(rc, ApiErrors.notFoundPath());
            } else {
              Responses.bytes(rc, 200, MediaTypes.JSON, doc);
            }
          })
          .onFailure(e -> Responses.error(rc, e));
    } else {
      throw ApiErrors.notFoundPath();
    }
  }
}
