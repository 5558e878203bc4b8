package dev.kubemu.emulator;

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
    Emulator emulator;
    String token = null;
    ServingPki pki = null;
    var builder = Emulator.builder().address(options.address()).port(options.port()).nodes(options.nodes())
        .nodeShape(new NodeShape(options.nodeCpu(), options.nodeMemory(), options.maxPods(),
            NodeShape.standard().ephemeralStorage()))
        .kubeletTimings(options.kubeletDelays());
    if (!options.insecureHttp()) {
      pki = ServingPki.generate(options.address(), Instant.now());
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      token = HexFormat.of().formatHex(secret);
      builder.tls(pki.servingCertificatePem(), pki.servingPrivateKeyPem()).clusterCa(pki.caCertificatePem())
          .bearerToken(token);
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
      var access = new ClusterAccess(emulator.url(), pki == null ? null : pki.caCertificatePem(), token);
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
}
