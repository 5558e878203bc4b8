package dev.kubemu.benchmarks.scenarios;

import dev.kubemu.benchmarks.report.Report;
import dev.kubemu.benchmarks.report.Samples;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.emulator.Emulator;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * 1,000 concurrent HTTP watchers on pods while pods are updated at a fixed rate: every event must arrive, and the
 * delivery latency (write committed to event read by the client) is recorded. Each write stamps its send time in an
 * annotation the client finds in the event line. Two shapes: every watcher on all pods (each write fans out to all
 * 1,000), and each watcher on its own namespace (informers of 1,000 tenants; each write reaches one watcher).
 */
final class WatchLatencyScenario {
  private static final String STAMP = "\"bench.kubemu.dev/sent\":\"";
  private static final int WATCHERS = 1_000;

  private final boolean quick;

  WatchLatencyScenario(boolean quick) {
    this.quick = quick;
  }

  void run(Report report) throws Exception {
    var section = report.section("Watch fan-out over HTTP (1,000 concurrent watch streams on pods)", "shape",
        "writes/s", "events delivered", "p50", "p99", "max", "target p99 < 50 ms, all delivered");
    int seconds = quick ? 3 : 4;
    var shapes = java.util.Set.of(System.getProperty("kubemu.bench.watchShapes", "namespace,all-1000,all-100")
        .split(","));
    if (shapes.contains("namespace")) {
      measure(section, "each watcher on its own namespace", 1000, seconds, true);
    }
    if (shapes.contains("all-1000")) {
      measure(section, "every watcher on all pods", 1000, seconds, false);
    }
    if (shapes.contains("all-100")) {
      measure(section, "every watcher on all pods", 100, seconds, false);
    }
    section.note("Plain HTTP/1.1 chunked streams from one Vert.x client in the same JVM as the emulator (2 cores "
        + "shared by writer, server and 1,000 readers). All-pods watchers at 1,000 writes/s mean 1,000,000 event "
        + "deliveries (about 2.5 GB of JSON) per second.");
    report.print(section);
  }

  private void measure(Report.Section section, String shape, int rate, int seconds, boolean perNamespace)
      throws Exception {
    try (Emulator kube = Emulator.builder().nodes(0).systemAddons(false).start()) {
      ResourceType pods = kube.registry().find("", "v1", "pods").orElseThrow();
      int namespaces = perNamespace ? WATCHERS : 10;
      new PodFiller(kube).fill(namespaces, namespaces);
      Settle.awaitIdle(kube);
      List<StoredObject> targets = new ArrayList<>(kube.operations().list(pods, null,
          dev.kubemu.core.api.ListOptions.everything()).items());
      int writes = rate * seconds;
      long expected = perNamespace ? writes : (long) writes * WATCHERS;
      long[] latencies = new long[(int) Math.min(expected, 20_000_000)];
      var index = new AtomicInteger();
      var delivered = new AtomicLong();
      var opened = new CountDownLatch(WATCHERS);
      var closedEarly = new AtomicInteger();
      Vertx vertx = Vertx.vertx();
      HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(WATCHERS + 10));
      try {
        String rv = Long.toString(kube.store().revision());
        for (int w = 0; w < WATCHERS; w++) {
          String path = perNamespace ? "/api/v1/namespaces/load-" + w + "/pods" : "/api/v1/pods";
          var options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
              .setPort(kube.apiServer().actualPort()).setURI(path + "?watch=1&resourceVersion=" + rv);
          // sent from an event loop, so the stream handler is in place before the first event arrives
          vertx.runOnContext(v -> client.request(options).compose(req -> req.send()).onSuccess(resp -> {
            opened.countDown();
            var stamps = new StampScanner(sent -> {
              long now = System.nanoTime();
              delivered.incrementAndGet();
              int i = index.getAndIncrement();
              if (i < latencies.length) {
                latencies[i] = now - sent;
              }
            });
            resp.handler(chunk -> stamps.scan(chunk.getBytes()));
            resp.endHandler(end -> closedEarly.incrementAndGet());
          }).onFailure(e -> opened.countDown()));
        }
        if (!opened.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("watchers did not open");
        }
        waitForWatchers(kube, pods, WATCHERS);
        // one second of the same load first, so that the JIT has compiled the paths the measured events take
        int warmup = rate;
        write(kube, pods, targets, rate, warmup);
        awaitDelivered(delivered, warmup * (expected / writes), closedEarly);
        index.set(0);
        delivered.set(0);
        write(kube, pods, targets, rate, writes);
        awaitDelivered(delivered, expected, closedEarly);
        Thread.sleep(100);
        int n = Math.min(index.get(), latencies.length);
        Samples ms = n == 0 ? Samples.of(Double.NaN) : Samples.of(toMillis(latencies, n));
        boolean ok = delivered.get() == expected && ms.percentile(99) < 50;
        section.row(shape, String.format(Locale.ROOT, "%,d", rate),
            String.format(Locale.ROOT, "%,d of %,d%s", delivered.get(), expected,
                closedEarly.get() > 0 ? " (" + closedEarly.get() + " streams closed as too slow)" : ""),
            Samples.format(ms.percentile(50)) + " ms", Samples.format(ms.percentile(99)) + " ms",
            Samples.format(ms.max()) + " ms", LaunchScenarios.met(ok));
      } finally {
        client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void awaitDelivered(AtomicLong delivered, long expected, AtomicInteger closedEarly)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (delivered.get() < expected && System.nanoTime() < deadline && closedEarly.get() == 0) {
      Thread.sleep(20);
    }
  }

  private static double[] toMillis(long[] nanos, int n) {
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      ms[i] = nanos[i] / 1e6;
    }
    return ms;
  }

  private static final byte[] STAMP_BYTES = STAMP.getBytes(StandardCharsets.UTF_8);

  /**
   * Finds the send time stamped in each event as the stream's bytes go by, across chunk boundaries, without framing
   * or decoding the events: the 1,000 readers share the machine with the server, so they must stay cheap. Bookmarks
   * carry no stamp and are not counted.
   */
  static final class StampScanner {
    private final java.util.function.LongConsumer onStamp;
    private int matched;
    private boolean inNumber;
    private long value;

    StampScanner(java.util.function.LongConsumer onStamp) {
      this.onStamp = onStamp;
    }

    void scan(byte[] bytes) {
      for (byte b : bytes) {
        if (inNumber) {
          if (b >= '0' && b <= '9') {
            value = value * 10 + (b - '0');
            continue;
          }
          inNumber = false;
          onStamp.accept(value);
        }
        if (b == STAMP_BYTES[matched]) {
          if (++matched == STAMP_BYTES.length) {
            matched = 0;
            inNumber = true;
            value = 0;
          }
        } else {
          matched = b == STAMP_BYTES[0] ? 1 : 0;
        }
      }
    }
  }

  private static void waitForWatchers(Emulator kube, ResourceType pods, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (kube.store().watcherCount(pods.storageResource()) < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + kube.store().watcherCount(pods.storageResource())
            + " watches registered");
      }
      Thread.sleep(10);
    }
  }

  /** Updates the pods round-robin at a fixed rate (open loop: a late write does not delay the schedule). */
  private static void write(Emulator kube, ResourceType pods, List<StoredObject> targets, int rate, int writes) {
    var ctx = RequestContext.internal("bench");
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < writes; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      StoredObject t = targets.get(i % targets.size());
      StoredObject current = kube.store().get(pods.storageResource(), t.namespace(), t.name());
      var next = kube.store().mutableTree(current);
      Meta.metaForWrite(next).withObject("annotations").put("bench.kubemu.dev/sent",
          Long.toString(System.nanoTime()));
      kube.operations().updateStored(pods, current, next, ctx, Target.MAIN);
    }
  }
}
