package dev.kubemu.benchmarks.load;

import dev.kubemu.benchmarks.report.Report;
import dev.kubemu.benchmarks.report.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the load driver against kubemu, fabric8's mock server (CRUD mode) and a bare Vert.x server, one after the
 * other, each in its own JVM with the same options, and reports kubemu's throughput as ratios to both.
 */
public final class HttpLoadSuite {
  private final LoadDriver.Config config;
  private final Path fabric8Target;

  public HttpLoadSuite(LoadDriver.Config config, Path fabric8Target) {
    this.config = config;
    this.fabric8Target = fabric8Target;
  }

  public void run(Report report) throws Exception {
    String ownClasspath = System.getProperty("java.class.path");
    var servers = new LinkedHashMap<String, Map<String, LoadDriver.Result>>();
    String only = System.getProperty("kubemu.bench.servers", "kubemu,fabric8,vertx");
    if (only.contains("kubemu")) {
      servers.put("kubemu", measure("kubemu", ownClasspath, KubemuServerMain.class.getName()));
    }
    if (only.contains("fabric8")) {
      servers.put("fabric8", measure("fabric8", fabric8Classpath(),
          "dev.kubemu.benchmarks.fabric8.Fabric8MockServerMain"));
    }
    if (only.contains("vertx")) {
      servers.put("vertx", measure("bare Vert.x", ownClasspath, BareVertxServerMain.class.getName()));
    }
    if (!servers.containsKey("kubemu")) {
      return;
    }

    var section = report.section("HTTP load: pods over loopback (closed loop, " + config.concurrency()
            + " in flight, " + config.measure().toSeconds() + " s per operation)",
        "operation", "server", "req/s", "p50", "p99", "p99.9", "errors", "kubemu ÷ this");
    for (String op : servers.get("kubemu").keySet()) {
      double kubemu = servers.get("kubemu").get(op).throughput();
      for (var e : servers.entrySet()) {
        LoadDriver.Result r = e.getValue().get(op);
        Samples l = r.latencyMicros();
        section.row(op, e.getKey(), Samples.format(r.throughput()), micros(l.percentile(50)),
            micros(l.percentile(99)), micros(l.percentile(99.9)), Long.toString(r.errors()),
            e.getKey().equals("kubemu") ? "" : String.format(Locale.ROOT, "%.2f×", kubemu / r.throughput()));
      }
    }
    section.note("Targets: kubemu ≥ 3× fabric8 on every operation; kubemu get ≥ 0.5× bare Vert.x. Each server runs "
        + "in its own JVM (" + String.join(" ", ServerProcess.JVM_OPTIONS) + "); one Vert.x HttpClient drives all "
        + "three from the suite's JVM. fabric8 stores the body as sent; kubemu defaults, validates and versions it, "
        + "so its objects and answers are larger.");
    report.print(section);
  }

  private Map<String, LoadDriver.Result> measure(String name, String classpath, String mainClass) throws Exception {
    System.out.println("load: " + name + " ...");
    try (ServerProcess server = ServerProcess.start(name, classpath, mainClass);
        LoadDriver driver = new LoadDriver(config)) {
      var results = driver.run("127.0.0.1", server.port());
      results.values().forEach(r -> System.out.printf(Locale.ROOT, "  %-7s %10.0f req/s  p99 %s%n", r.operation(),
          r.throughput(), micros(r.latencyMicros().percentile(99))));
      return results;
    }
  }

  private String fabric8Classpath() throws IOException {
    Path file = fabric8Target.resolve("classpath.txt");
    if (!Files.exists(file)) {
      throw new IOException(file + " is missing: build with -Pbench so benchmarks/fabric8-baseline is packaged");
    }
    return fabric8Target.resolve("classes") + java.io.File.pathSeparator + Files.readString(file).trim();
  }

  static String micros(double us) {
    return us >= 1000 ? Samples.format(us / 1000) + " ms" : Samples.format(us) + " µs";
  }
}
