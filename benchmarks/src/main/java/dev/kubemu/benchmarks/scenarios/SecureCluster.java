package dev.kubemu.benchmarks.scenarios;

import dev.kubemu.emulator.Emulator;
import dev.kubemu.emulator.EmulatorBuilder;
import dev.kubemu.emulator.kubeconfig.ClusterAccess;
import dev.kubemu.emulator.kubeconfig.KubeconfigWriter;
import dev.kubemu.emulator.tls.ServingPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * An in-process emulator served as the CLI serves it (HTTPS with a per-run CA, HTTP/2, bearer token) with a
 * standalone kubeconfig, so real kubectl talks to it exactly as a user's would.
 */
final class SecureCluster implements AutoCloseable {
  private final Emulator kube;
  private final Path kubeconfig;

  private SecureCluster(Emulator kube, Path kubeconfig) {
    this.kube = kube;
    this.kubeconfig = kubeconfig;
  }

  static SecureCluster start(EmulatorBuilder builder) throws IOException {
    ServingPki pki = ServingPki.generate("127.0.0.1", Instant.now());
    String token = UUID.randomUUID().toString().replace("-", "");
    Emulator kube = builder.tls(pki.servingCertificatePem(), pki.servingPrivateKeyPem()).bearerToken(token).start();
    Path kubeconfig = Files.createTempFile("kubemu-bench-", ".kubeconfig");
    KubeconfigWriter.writeStandalone(kubeconfig, new ClusterAccess(kube.url(), pki.caCertificatePem(), token));
    return new SecureCluster(kube, kubeconfig);
  }

  Emulator kube() {
    return kube;
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public void close() throws IOException {
    kube.close();
    Files.deleteIfExists(kubeconfig);
  }
}
