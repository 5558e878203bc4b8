package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.printing.TableConverter;
import dev.kubemu.core.store.WatchEvent;
import dev.kubemu.core.store.WatchSubscription;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Streams watch events as newline-delimited JSON over a chunked (HTTP/1.1) or DATA-framed (HTTP/2) response. Events
 * are written on the request's event loop; a watcher that cannot keep up (full write queue) is closed rather than
 * buffered without bound, as kube-apiserver drops slow watchers.
 */
final class WatchStreams {
  private static final Logger LOG = Logger.getLogger(WatchStreams.class.getName());
  private static final long BOOKMARK_INTERVAL_MS = 60_000;

  private final ResourceOperations operations;
  private final EncodedEvents encoded = new EncodedEvents();

  WatchStreams(ResourceOperations operations) {
    this.operations = operations;
  }

  void start(RoutingContext rc, RequestTarget target) {
    ListOptions options = QueryOptions.list(rc);
    String tableVersion = MediaTypes.tableVersion(rc.request().getHeader("Accept"));
    TableConverter.IncludeObject include = tableVersion != null ? ResourceEndpoints.includeObject(rc) : null;
    boolean bookmarks = QueryOptions.flag(rc, "allowWatchBookmarks");
    long timeoutMs = timeoutMillis(QueryOptions.param(rc, "timeoutSeconds"));
    HttpServerResponse response = rc.response();
    Context context = rc.vertx().getOrCreateContext();
    var stream = new Stream(rc, target, response, tableVersion, include);
    WatchSubscription subscription;
    boolean initialEvents = QueryOptions.flag(rc, "sendInitialEvents");
    try {
      java.util.concurrent.Executor onContext = task -> context.runOnContext(v -> task.run());
      subscription = initialEvents
          ? operations.watchWithInitialEvents(target.type(), target.namespace(), options, onContext, stream::send)
          : operations.watch(target.type(), target.namespace(), options, onContext, stream::send);
    } catch (ApiException e) {
      if (e.code() != 410) {
        throw e;
      }
      begin(response);
      stream.writeLine(errorEvent(e));
      response.end();
      return;
    }
    stream.subscription = subscription;
    stream.fromRevision = parseRv(options.resourceVersion());
    begin(response);
    long timeoutTimer = rc.vertx().setTimer(timeoutMs, id -> stream.finish());
    long bookmarkTimer = bookmarks ? rc.vertx().setPeriodic(BOOKMARK_INTERVAL_MS, id -> stream.bookmark()) : -1;
    stream.timers = new long[] {timeoutTimer, bookmarkTimer};
    response.closeHandler(v -> stream.cleanUp());
    rc.request().connection().closeHandler(v -> stream.cleanUp());
  }

  private static void begin(HttpServerResponse response) {
    response.setStatusCode(200).putHeader("Content-Type", MediaTypes.JSON).putHeader("Cache-Control",
        "no-cache, private").setChunked(true);
    response.writeHead();
  }

  private static long timeoutMillis(String timeoutSeconds) {
    if (timeoutSeconds != null && !timeoutSeconds.isEmpty()) {
      try {
        long s = Long.parseLong(timeoutSeconds);
        if (s > 0) {
          return s * 1000;
        }
      } catch (NumberFormatException e) {
        throw dev.kubemu.core.errors.ApiErrors.badRequest("timeoutSeconds: Invalid value: \"" + timeoutSeconds
            + "\"");
      }
    }
    // kube-apiserver's default for watches without timeoutSeconds: a random time in [30 min, 60 min)
    return ThreadLocalRandom.current().nextLong(1_800_000, 3_600_000);
  }

  private static long parseRv(String rv) {
    try {
      return rv == null || rv.isEmpty() ? 0 : Long.parseLong(rv);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static byte[] errorEvent(ApiException e) {
    ObjectNode event = Json.object();
    event.put("type", "ERROR");
    event.set("object", e.toStatus());
    return Json.bytes(event);
  }

  /** One open watch response. All methods run on the request's event loop. */
  private final class Stream {
    private final RoutingContext rc;
    private final RequestTarget target;
    private final HttpServerResponse response;
    private final String tableVersion;
    private final TableConverter.IncludeObject include;
    private WatchSubscription subscription;
    private long[] timers = new long[0];
    private boolean sentColumns;
    private long lastRevision;
    private long fromRevision;
    private boolean done;

    Stream(RoutingContext rc, RequestTarget target, HttpServerResponse response, String tableVersion,
        TableConverter.IncludeObject include) {
      this.rc = rc;
      this.target = target;
      this.response = response;
      this.tableVersion = tableVersion;
      this.include = include;
    }

    void send(WatchEvent event) {
      if (done) {
        return;
      }
      if (response.writeQueueFull()) {
        LOG.fine(() -> "closing slow watcher of " + target.type());
        finish();
        return;
      }
      lastRevision = Math.max(lastRevision, event.resourceVersion());
      if (event.type() == WatchEvent.Type.BOOKMARK) {
        writeLine(Json.bytes(bookmarkEvent(event.resourceVersion(), true)));
        return;
      }
      if (tableVersion == null) {
        response.write(Buffer.buffer(encoded.line(event, target, operations)));
        return;
      }
      var out = new java.io.ByteArrayOutputStream(4096);
      out.writeBytes(("{\"type\":\"" + event.type() + "\",\"object\":").getBytes(StandardCharsets.UTF_8));
      var table = new TableWriter(operations, target, tableVersion, include);
      try (JsonGenerator g = TableWriter.generator(out)) {
        table.begin(g, event.resourceVersion(), null, null, !sentColumns);
        table.row(g, event.object());
        table.end(g);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sentColumns = true;
      out.write('}');
      writeLine(out.toByteArray());
    }

    void bookmark() {
      if (!done) {
        writeLine(Json.bytes(bookmarkEvent(Math.max(lastRevision, fromRevision), false)));
      }
    }

    /** A BOOKMARK; {@code initialEventsEnd} marks the end of the initial events of a streaming list. */
    private ObjectNode bookmarkEvent(long revision, boolean initialEventsEnd) {
      ObjectNode object = Json.object();
      object.put("kind", target.type().kind());
      object.put("apiVersion", target.type().gvk(target.version()).apiVersion());
      ObjectNode meta = object.putObject("metadata");
      meta.put("resourceVersion", Long.toString(revision));
      if (initialEventsEnd) {
        meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
      }
      ObjectNode event = Json.object();
      event.put("type", "BOOKMARK");
      event.set("object", object);
      return event;
    }

    void writeLine(byte[] json) {
      Buffer buffer = Buffer.buffer(json.length + 1).appendBytes(json).appendByte((byte) '\n');
      response.write(buffer);
    }

    void finish() {
      if (!done) {
        cleanUp();
        if (!response.ended() && !response.closed()) {
          response.end();
        }
      }
    }

    void cleanUp() {
      done = true;
      if (subscription != null) {
        subscription.close();
      }
      for (long t : timers) {
        if (t >= 0) {
          rc.vertx().cancelTimer(t);
        }
      }
    }
  }

  /**
   * The newline-terminated JSON lines of recent events, keyed by event, type and version: every watcher of a resource
   * receives the same event object, so a write watched by 1,000 clients is encoded once, not 1,000 times. Events that
   * selectors turned into ADDED or DELETED for one watcher are distinct objects and get their own lines.
   */
  static final class EncodedEvents {
    private static final int RECENT = 256;

    private record Key(WatchEvent event, dev.kubemu.core.registry.ResourceType type, String version) {}

    private final java.util.LinkedHashMap<Key, byte[]> lines = new java.util.LinkedHashMap<>(RECENT * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(java.util.Map.Entry<Key, byte[]> eldest) {
        return size() > RECENT;
      }
    };

    byte[] line(WatchEvent event, RequestTarget target, ResourceOperations operations) {
      var key = new Key(event, target.type(), target.version());
      synchronized (lines) {
        byte[] line = lines.get(key);
        if (line != null) {
          return line;
        }
      }
      byte[] prefix = ("{\"type\":\"" + event.type() + "\",\"object\":").getBytes(StandardCharsets.UTF_8);
      byte[] object = operations.encode(target.type(), target.version(), event.object());
      byte[] line = new byte[prefix.length + object.length + 2];
      System.arraycopy(prefix, 0, line, 0, prefix.length);
      System.arraycopy(object, 0, line, prefix.length, object.length);
      line[line.length - 2] = '}';
      line[line.length - 1] = '\n';
      synchronized (lines) {
        lines.put(key, line);
      }
      return line;
    }
  }
}
