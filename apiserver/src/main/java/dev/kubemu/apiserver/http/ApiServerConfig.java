package dev.kubemu.apiserver.http;

import java.util.Objects;

/**
 * How the apiserver listens.
 *
 * @param host                the bind address (loopback by default)
 * @param port                0 for any free port
 * @param tls                 certificate and key in PEM, or null for plain HTTP
 * @param bearerToken         the token every API request must carry, or null for no authentication
 * @param version             the Kubernetes release reported by {@code /version}
 * @param maxRequestBodyBytes larger bodies get 413, as on kube-apiserver (3 MiB)
 */
public record ApiServerConfig(String host, int port, TlsMaterial tls, String bearerToken, VersionInfo version,
    int maxRequestBodyBytes) {
  public static final int DEFAULT_MAX_BODY = 3 * 1024 * 1024;

  public ApiServerConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    version = version == null ? VersionInfo.DEFAULT : version;
  }

  /** Plain HTTP on loopback, any free port, no authentication: for tests and {@code --insecure-http}. */
  public static ApiServerConfig insecureLoopback() {
    return new ApiServerConfig("127.0.0.1", 0, null, null, VersionInfo.DEFAULT, DEFAULT_MAX_BODY);
  }

  /** A serving certificate chain and private key, PEM-encoded. */
  public record TlsMaterial(String certificatePem, String privateKeyPem) {}
}
