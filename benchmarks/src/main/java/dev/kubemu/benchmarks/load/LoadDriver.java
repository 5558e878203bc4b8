package dev.kubemu.benchmarks.load;

import dev.kubemu.benchmarks.report.Samples;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop HTTP load generator for the pod verbs: {@code concurrency} requests are always in flight, each
 * user sending its next request when the previous answer has been read. The same driver, client and requests run
 * against every server, so their figures compare. Operations, in the order they run:
 * <ul>
 *   <li>get: {@code GET} one of the seeded pods by name;</li>
 *   <li>update: {@code PUT} one of the seeded pods with a changed label (a real write, not a no-op);</li>
 *   <li>list: {@code GET} the 100 pods of one namespace;</li>
 *   <li>create: {@code POST} a new pod (last, so the growing store does not change the other figures).</li>
 * </ul>
 * Pods carry a {@code schedulerName} no scheduler serves, so on kubemu no controller writes to them meanwhile.
 */
public final class LoadDriver implements AutoCloseable {
  /** The operations, in the order they run. */
  public static final List<String> OPERATIONS = List.of("get", "update", "list", "create");

  /** How hard and how long to drive each operation. */
  public record Config(int concurrency, Duration warmup, Duration measure, int seedPods, int listPods) {
    public static Config standard() {
      return new Config(16, Duration.ofSeconds(3), Duration.ofSeconds(6), 1_000, 100);
    }

    public static Config quick() {
      return new Config(16, Duration.ofSeconds(2), Duration.ofSeconds(3), 1_000, 100);
    }
  }

  /** The outcome of one operation against one server. */
  public record Result(String operation, long requests, long errors, double seconds, Samples latencyMicros) {
    public double throughput() {
      return requests / seconds;
    }
  }

  private static final int MAX_SAMPLES = 4_000_000;

  private final Config config;
  private final Vertx vertx;
  private final HttpClientAgent client;
  private final AtomicLong created = new AtomicLong();
  private final AtomicLong revision = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicReference<Throwable> firstFailure =
      new java.util.concurrent.atomic.AtomicReference<>();

  public LoadDriver(Config config) {
    this.config = config;
    this.vertx = Vertx.vertx();
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(config.concurrency()));
  }

  /** Seeds the server, then measures every operation; fails if any request of the setup fails. */
  public Map<String, Result> run(String host, int port) throws InterruptedException {
    seed(host, port);
    // one mixed warm-up first, so that neither the server's nor the client's JIT favours the first operation
    for (String op : OPERATIONS) {
      drive(host, port, requests(op), config.warmup(), null);
    }
    var results = new LinkedHashMap<String, Result>();
    for (String op : System.getProperty("kubemu.bench.ops", String.join(",", OPERATIONS)).split(",")) {
      Supplier<RequestSpec> requests = requests(op);
      drive(host, port, requests, config.warmup(), null);
      results.put(op, drive(host, port, requests, config.measure(), op));
    }
    return results;
  }

  private void seed(String host, int port) throws InterruptedException {
    var specs = new ArrayList<RequestSpec>();
    for (String ns : List.of("bench", "bench-list", "bench-create")) {
      specs.add(new RequestSpec(HttpMethod.POST, "/api/v1/namespaces",
          "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}"));
    }
    sendAll(host, port, specs);
    specs.clear();
    for (int i = 0; i < config.seedPods(); i++) {
      specs.add(new RequestSpec(HttpMethod.POST, "/api/v1/namespaces/bench/pods", podBody("bench", "seed-" + i, "0")));
    }
    for (int i = 0; i < config.listPods(); i++) {
      specs.add(new RequestSpec(HttpMethod.POST, "/api/v1/namespaces/bench-list/pods",
          podBody("bench-list", "listed-" + i, "0")));
    }
    sendAll(host, port, specs);
  }

  private void sendAll(String host, int port, List<RequestSpec> specs) throws InterruptedException {
    var index = new AtomicInteger();
    Result r = drive(host, port, () -> {
      int i = index.getAndIncrement();
      return i < specs.size() ? specs.get(i) : null;
    }, Duration.ofMinutes(2), "setup");
    if (r.errors() > 0) {
      throw new IllegalStateException("setup: " + r.errors() + " of " + r.requests() + " requests failed");
    }
  }

  private Supplier<RequestSpec> requests(String op) {
    return switch (op) {
      case "get" -> () -> new RequestSpec(HttpMethod.GET, "/api/v1/namespaces/bench/pods/" + randomSeed(), null);
      case "update" -> () -> {
        String name = randomSeed();
        return new RequestSpec(HttpMethod.PUT, "/api/v1/namespaces/bench/pods/" + name,
            podBody("bench", name, Long.toString(revision.incrementAndGet())));
      };
      case "list" -> () -> new RequestSpec(HttpMethod.GET, "/api/v1/namespaces/bench-list/pods", null);
      case "create" -> () -> new RequestSpec(HttpMethod.POST, "/api/v1/namespaces/bench-create/pods",
          podBody("bench-create", "created-" + created.incrementAndGet(), "0"));
      default -> throw new IllegalArgumentException(op);
    };
  }

  private String randomSeed() {
    return "seed-" + ThreadLocalRandom.current().nextInt(config.seedPods());
  }

  /** One request: method, path and optional JSON body. */
  private record RequestSpec(HttpMethod method, String path, String body) {}

  /**
   * Keeps {@code concurrency} requests in flight until {@code duration} has passed or {@code requests} returns
   * null; records latencies when {@code name} is not null.
   */
  private Result drive(String host, int port, Supplier<RequestSpec> requests, Duration duration, String name)
      throws InterruptedException {
    long[] latencies = name == null ? null : new long[MAX_SAMPLES];
    var count = new AtomicInteger();
    var errors = new AtomicLong();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    var done = new CountDownLatch(config.concurrency());
    for (int u = 0; u < config.concurrency(); u++) {
      var user = new User(host, port, requests, deadline, latencies, count, errors, done);
      // from an event loop: a request sent from another thread may get its answer before the body handler is set
      vertx.runOnContext(v -> user.next());
    }
    if (!done.await(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + ": requests still in flight a minute after the deadline");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int n = Math.min(count.get(), MAX_SAMPLES);
    Samples samples = latencies == null || n == 0 ? Samples.of(0) : Samples.ofLongs(latencies, n);
    return new Result(name, count.get(), errors.get(), seconds, samples);
  }

  /** One simulated client: sends a request, reads the whole answer, records, repeats until the deadline. */
  private final class User {
    private final String host;
    private final int port;
    private final Supplier<RequestSpec> requests;
    private final long deadline;
    private final long[] latencies;
    private final AtomicInteger count;
    private final AtomicLong errors;
    private final CountDownLatch done;

    User(String host, int port, Supplier<RequestSpec> requests, long deadline, long[] latencies, AtomicInteger count,
        AtomicLong errors, CountDownLatch done) {
      this.host = host;
      this.port = port;
      this.requests = requests;
      this.deadline = deadline;
      this.latencies = latencies;
      this.count = count;
      this.errors = errors;
      this.done = done;
    }

    void next() {
      RequestSpec spec = System.nanoTime() < deadline ? requests.get() : null;
      if (spec == null) {
        done.countDown();
        return;
      }
      long sent = System.nanoTime();
      var options = new RequestOptions().setMethod(spec.method()).setHost(host).setPort(port).setURI(spec.path())
          .putHeader("Accept", "application/json");
      client.request(options)
          .compose(req -> {
            if (spec.body() == null) {
              return req.send();
            }
            req.putHeader("Content-Type", "application/json");
            return req.send(Buffer.buffer(spec.body().getBytes(StandardCharsets.UTF_8)));
          })
          .compose(resp -> resp.body().map(body -> {
            boolean failed = resp.statusCode() >= 400 || body.length() == 0;
            if (failed && firstFailure.compareAndSet(null, new IllegalStateException(resp.statusCode() + " "
                + resp.headers() + " " + body.toString().substring(0, Math.min(300, body.length()))))) {
              System.err.println("load: " + spec.method() + " " + spec.path() + " answered " + firstFailure.get());
            }
            return failed;
          }))
          .otherwise(failure -> {
            if (firstFailure.compareAndSet(null, failure)) {
              System.err.println("load: " + spec.method() + " " + spec.path() + " failed: " + failure);
            }
            return true;
          })
          .onComplete(failed -> {
            long micros = (System.nanoTime() - sent) / 1_000;
            int i = count.getAndIncrement();
            if (latencies != null && i < latencies.length) {
              latencies[i] = micros;
            }
            if (failed.result()) {
              errors.incrementAndGet();
            }
            next();
          });
    }
  }

  /** The pod every server receives: a small nginx pod that no scheduler picks up, labelled with a revision. */
  static String podBody(String namespace, String name, String rev) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
        + namespace + "\",\"labels\":{\"app\":\"bench\",\"rev\":\"" + rev + "\"}},"
        + "\"spec\":{\"schedulerName\":\"bench-no-scheduler\",\"containers\":[{\"name\":\"web\","
        + "\"image\":\"nginx:1.25\",\"ports\":[{\"containerPort\":80,\"protocol\":\"TCP\"}],"
        + "\"env\":[{\"name\":\"MODE\",\"value\":\"production\"}],"
        + "\"resources\":{\"requests\":{\"cpu\":\"10m\",\"memory\":\"16Mi\"}}}]}}";
  }

  @Override
  public void close() {
    client.close().toCompletionStage().toCompletableFuture().join();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
