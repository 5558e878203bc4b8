package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.printing.TableConverter;
import dev.kubemu.core.store.WatchEvent;
import dev.kubemu.core.store.WatchSubscription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Streams watch events as newline-delimited JSON over a chunked (HTTP/1.1) or DATA-framed (HTTP/2) response. Events
 * are written on the request's event loop; a watcher that cannot keep up (full write queue) is closed rather than
 * buffered without bound, as kube-apiserver drops slow watchers.
 *
 * <p>One write fans out to every watcher of the resource, so the per-delivery path copies nothing: a line is the
 * shared event prefix, the object's stored bytes and a shared suffix, wrapped rather than joined, and the events one
 * delivery batch hands a stream leave as one chunk and one flush instead of one each.
 */
final class WatchStreams {
  private static final Logger LOG = Logger.getLogger(WatchStreams.class.getName());
  private static final long BOOKMARK_INTERVAL_MS = 60_000;
  /**
   * Changes a watcher may fall behind before it is closed: the largest buffer kube-apiserver's watch cache gives a
   * watcher. A stream the event loop cannot serve fast enough would otherwise queue changes without bound; a client
   * whose socket is full is caught earlier, by the write queue.
   */
  private static final long MAX_BACKLOG = 1_000;

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
    var stream = new Stream(rc, context, target, response, tableVersion, include);
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
      stream.finish();
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
    private final Context context;
    /** Lines waiting for the end of the current delivery batch, written then as one chunk. */
    private final List<ByteBuf> pending = new ArrayList<>(4);
    private boolean flushScheduled;
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

    Stream(RoutingContext rc, Context context, RequestTarget target, HttpServerResponse response, String tableVersion,
        TableConverter.IncludeObject include) {
      this.rc = rc;
      this.context = context;
      this.target = target;
      this.response = response;
      this.tableVersion = tableVersion;
      this.include = include;
    }

    void send(WatchEvent event) {
      if (done) {
        return;
      }
      if (response.writeQueueFull() || (subscription != null && subscription.backlog() > MAX_BACKLOG)) {
        LOG.fine(() -> "closing unresponsive watcher of " + target.type());
        finish();
        return;
      }
      lastRevision = Math.max(lastRevision, event.resourceVersion());
      if (event.type() == WatchEvent.Type.BOOKMARK) {
        writeLine(Json.bytes(bookmarkEvent(event.resourceVersion(), true)));
        return;
      }
      byte[] object;
      if (tableVersion == null) {
        object = encoded.object(event, target, operations);
      } else {
        // a new writer per event: its cells (ages) are printed at the event's time
        object = new TableWriter(operations, target, tableVersion, include)
            .single(event.object(), event.resourceVersion(), !sentColumns);
        sentColumns = true;
      }
      enqueue(Unpooled.wrappedBuffer(EVENT_PREFIX.get(event.type()), object, EVENT_SUFFIX));
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
      enqueue(Unpooled.wrappedBuffer(json, NEWLINE));
    }

    /**
     * Queues a line; the batch is written by a task that runs after the delivery task that queued it, so a backlog
     * of events leaves in one write however many there are.
     */
    private void enqueue(ByteBuf line) {
      pending.add(line);
      if (!flushScheduled) {
        flushScheduled = true;
        context.runOnContext(v -> flushPending());
      }
    }

    private void flushPending() {
      flushScheduled = false;
      if (pending.isEmpty()) {
        return;
      }
      ByteBuf batch = pending.size() == 1 ? pending.get(0)
          : Unpooled.wrappedBuffer(pending.size(), pending.toArray(ByteBuf[]::new));
      pending.clear();
      if (!response.ended() && !response.closed()) {
        response.write(BufferInternal.buffer(batch));
      }
    }

    void finish() {
      if (!done) {
        cleanUp();
        flushPending();
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

  private static final Map<WatchEvent.Type, byte[]> EVENT_PREFIX = new EnumMap<>(WatchEvent.Type.class);
  private static final byte[] EVENT_SUFFIX = {'}', '\n'};
  private static final byte[] NEWLINE = {'\n'};

  static {
    for (WatchEvent.Type type : WatchEvent.Type.values()) {
      EVENT_PREFIX.put(type, ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * The encoded objects of recent events, keyed by object identity, kind and version: every watcher of a resource
   * receives the same stored object, so a write watched by 1,000 clients in a version that needs conversion (say
   * autoscaling/v1 of an HPA stored as v2) is converted once, not 1,000 times. Objects served as stored need no
   * entry: their bytes are the stored bytes.
   */
  static final class EncodedEvents {
    private static final int RECENT = 256;

    /** Identity of the stored revision and the type; cheap to hash, unlike the objects themselves. */
    private record Key(dev.kubemu.core.store.StoredObject object, dev.kubemu.core.registry.ResourceType type,
        String version) {
      @Override
      public boolean equals(Object o) {
        return o instanceof Key k && k.object == object && k.type == type && k.version.equals(version);
      }

      @Override
      public int hashCode() {
        return (System.identityHashCode(object) * 31 + System.identityHashCode(type)) * 31 + version.hashCode();
      }
    }

    private final java.util.LinkedHashMap<Key, byte[]> objects =
        new java.util.LinkedHashMap<>(RECENT * 2, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, byte[]> eldest) {
            return size() > RECENT;
          }
        };

    byte[] object(WatchEvent event, RequestTarget target, ResourceOperations operations) {
      if (operations.servesStoredBytes(target.type(), target.version())) {
        return event.object().json();
      }
      var key = new Key(event.object(), target.type(), target.version());
      synchronized (objects) {
        byte[] bytes = objects.get(key);
        if (bytes != null) {
          return bytes;
        }
      }
      byte[] bytes = operations.encode(target.type(), target.version(), event.object());
      synchronized (objects) {
        objects.put(key, bytes);
      }
      return bytes;
    }
  }
}
