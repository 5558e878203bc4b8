package dev.kubemu.emulator;

import dev.kubemu.apiserver.http.ApiServerConfig;
import dev.kubemu.core.schema.SchemaCatalog;
import dev.kubemu.emulator.cli.CliException;
import dev.kubemu.emulator.cli.CliOptions;
import dev.kubemu.emulator.kubeconfig.ClusterAccess;
import dev.kubemu.emulator.kubeconfig.KubeconfigWriter;
import dev.kubemu.emulator.tls.ServingPki;
import dev.kubemu.kubelet.NodeShape;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code kubemu} command: parses the options, starts an emulator serving HTTPS (or HTTP with
 * {@code --insecure-http}), writes the kubeconfig, prints the ready line and serves until SIGTERM/Ctrl-C.
 */
public final class Main {
  static final String VERSION = "0.1.0";

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    CliOptions options;
    try {
      options = CliOptions.parse(args);
    } catch (CliException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    if (options.help()) {
      System.out.print(CliOptions.USAGE);
      return 0;
    }
    if (options.version()) {
      System.out.println("kubemu " + VERSION + " (Kubernetes v1.33.1)");
      return 0;
    }
    // the built-in schemas are parsed once per JVM on first use, which the bootstrap objects would otherwise wait for
    startThread(SchemaCatalog::builtin);
    Emulator emulator;
    String token = null;
    CompletableFuture<ServingPki> pki = null;
    var builder = Emulator.builder().address(options.address()).port(options.port()).nodes(options.nodes())
        .nodeShape(new NodeShape(options.nodeCpu(), options.nodeMemory(), options.maxPods(),
            NodeShape.standard().ephemeralStorage()))
        .kubeletTimings(options.kubeletDelays());
    if (!options.insecureHttp()) {
      fastInMemoryKeyStores();
      // the key pair and certificates are made on their own thread while the emulator builds the cluster; that
      // thread then initialises the JDK's TLS classes, which the server's TLS set-up would otherwise do on the
      // critical path
      var material = new CompletableFuture<ServingPki>();
      startThread(() -> {
        try {
          material.complete(ServingPki.generate(options.address(), Instant.now()));
        } catch (RuntimeException | Error e) {
          material.completeExceptionally(e);
          return;
        }
        TlsWarmUp.run();
      });
      pki = material;
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      token = HexFormat.of().formatHex(secret);
      builder.tls(() -> {
        ServingPki generated = material.join();
        return new ApiServerConfig.TlsMaterial(generated.servingCertificatePem(), generated.servingPrivateKeyPem());
      }).clusterCa(() -> material.join().caCertificatePem()).bearerToken(token);
    }
    try {
      emulator = builder.start();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.err.println("kubemu: cannot serve on " + options.address() + ":" + options.port() + ": "
          + cause.getMessage());
      return 1;
    }
    Path kubeconfig;
    try {
      var access = new ClusterAccess(emulator.url(), pki == null ? null : pki.join().caCertificatePem(), token);
      if (options.kubeconfig() != null) {
        kubeconfig = options.kubeconfig().toAbsolutePath();
        KubeconfigWriter.writeStandalone(kubeconfig, access);
      } else {
        kubeconfig = KubeconfigWriter.resolveDefaultPath(System.getenv(), Path.of(System.getProperty("user.home")))
            .toAbsolutePath();
        KubeconfigWriter.mergeInto(kubeconfig, access);
      }
    } catch (IOException e) {
      System.err.println("kubemu: cannot write the kubeconfig: " + e.getMessage());
      emulator.close();
      return 1;
    }
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }, "kubemu-shutdown"));
    System.out.println("kubemu ready: " + emulator.url() + " kubeconfig=" + kubeconfig);
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Vert.x turns the PEM key into an in-memory PKCS#12 key store under a fixed password, and the JDK stretches that
   * password with 10,000 PBKDF2 rounds each time the key is stored and read back: about 80 ms of pure CPU at every
   * start, protecting nothing, since the store never leaves memory. The JDK's documented overrides bring it down to
   * one round, unless the user has set them.
   */
  private static void fastInMemoryKeyStores() {
    for (String property : List.of("keystore.pkcs12.keyPbeIterationCount", "keystore.pkcs12.macIterationCount",
        "keystore.pkcs12.certPbeIterationCount")) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, "1");
      }
    }
  }

  private static void startThread(Runnable task) {
    Thread t = new Thread(task, "kubemu-start");
    t.setDaemon(true);
    t.start();
  }
}
