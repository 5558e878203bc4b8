package dev.kubemu.conformance.harness;

import dev.kubemu.emulator.Emulator;
import dev.kubemu.emulator.kubeconfig.ClusterAccess;
import dev.kubemu.emulator.kubeconfig.KubeconfigWriter;
import dev.kubemu.emulator.tls.ServingPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * An emulator started as the launcher starts it (HTTPS with a per-run CA, a bearer token, a standalone kubeconfig),
 * for real clients to talk to.
 */
public final class TestCluster implements AutoCloseable {
  private final Emulator emulator;
  private final Path dir;
  private final Path kubeconfig;
  private final String token;

  private TestCluster(Emulator emulator, Path dir, Path kubeconfig, String token) {
    this.emulator = emulator;
    this.dir = dir;
    this.kubeconfig = kubeconfig;
    this.token = token;
  }

  public static TestCluster start() {
    ServingPki pki = ServingPki.generate("127.0.0.1", Instant.now());
    String token = UUID.randomUUID().toString();
    Emulator emulator = Emulator.builder().tls(pki.servingCertificatePem(), pki.servingPrivateKeyPem())
        .clusterCa(pki.caCertificatePem()).bearerToken(token).start();
    try {
      Path dir = Files.createTempDirectory("kubemu-conformance");
      Path kubeconfig = dir.resolve("kubeconfig");
      KubeconfigWriter.writeStandalone(kubeconfig, new ClusterAccess(emulator.url(), pki.caCertificatePem(), token));
      return new TestCluster(emulator, dir, kubeconfig, token);
    } catch (IOException e) {
      emulator.close();
      throw new UncheckedIOException(e);
    }
  }

  public Emulator emulator() {
    return emulator;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public String token() {
    return token;
  }

  public String url() {
    return emulator.url();
  }

  /** Writes a file next to the kubeconfig (manifests for {@code apply -f}). */
  public Path file(String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    emulator.close();
    ClientProcess.deleteQuietly(dir);
  }
}
