package dev.kubemu.emulator.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubemu.emulator.Emulator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The launcher's serving mode: HTTPS with the per-run CA, HTTP/2 by ALPN, and a bearer token. */
class HttpsServingTest {
  @Test
  void servesHttp2OverTlsToClientsThatTrustTheCaAndRequiresTheToken() throws Exception {
    ServingPki pki = ServingPki.generate("127.0.0.1", Instant.now());
    try (Emulator kube = Emulator.builder().tls(pki.servingCertificatePem(), pki.servingPrivateKeyPem())
        .bearerToken("t0ken").systemAddons(false).start()) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("kubemu-ca", CertificateFactory.getInstance("X.509").generateCertificate(
          new ByteArrayInputStream(pki.caCertificatePem().getBytes(StandardCharsets.US_ASCII))));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      HttpClient client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_2).build();

      assertThat(kube.url()).startsWith("https://127.0.0.1:");
      var authorized = client.send(HttpRequest.newBuilder(URI.create(kube.url() + "/api/v1/nodes"))
          .header("Authorization", "Bearer t0ken").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(authorized.statusCode()).isEqualTo(200);
      assertThat(authorized.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(authorized.body()).contains("\"kind\":\"NodeList\"");

      var anonymous = client.send(HttpRequest.newBuilder(URI.create(kube.url() + "/api/v1/nodes")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);

      var malformed = client.send(HttpRequest.newBuilder(URI.create(kube.url()
              + "/api/v1/namespaces/default/configmaps")).header("Authorization", "Bearer t0ken")
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{nope")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(malformed.body()).contains("\"reason\":\"BadRequest\"");
    }
  }
}
