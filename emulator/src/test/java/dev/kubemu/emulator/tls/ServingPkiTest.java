package dev.kubemu.emulator.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServingPkiTest {
  private static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void theServingCertificateIsSignedByTheCaAndNamesLoopback() throws Exception {
    ServingPki pki = ServingPki.generate("192.168.49.2", Instant.now());
    X509Certificate ca = parse(pki.caCertificatePem());
    X509Certificate serving = parse(pki.servingCertificatePem());
    serving.verify(ca.getPublicKey());
    serving.checkValidity();
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    List<String> names = new ArrayList<>();
    for (List<?> san : serving.getSubjectAlternativeNames()) {
      names.add(String.valueOf(san.get(1)));
    }
    assertThat(names).contains("localhost", "127.0.0.1", "192.168.49.2");
    assertThat(pki.servingPrivateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
  }
}
