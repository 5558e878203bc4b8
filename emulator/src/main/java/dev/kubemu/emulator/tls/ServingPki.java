package dev.kubemu.emulator.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The per-run PKI: a self-signed CA and a serving certificate it signs, for 127.0.0.1, ::1, {@code localhost} and the
 * bind address, plus the in-cluster names of the apiserver. EC P-256 keys keep generation fast. Keys and signatures
 * use the JDK's own providers; BouncyCastle only builds the certificates, and is never registered globally.
 */
public final class ServingPki {
  static final Duration VALIDITY = Duration.ofDays(365);
  static final Duration CLOCK_SKEW = Duration.ofHours(1);

  private final String caCertificatePem;
  private final String servingCertificatePem;
  private final String servingPrivateKeyPem;

  private ServingPki(String ca, String cert, String key) {
    this.caCertificatePem = ca;
    this.servingCertificatePem = cert;
    this.servingPrivateKeyPem = key;
  }

  /**
   * Generates a CA and a serving certificate valid from shortly before {@code now}.
   *
   * @param bindAddress the address the server binds; added to the SANs when it is not a loopback name
   */
  public static ServingPki generate(String bindAddress, Instant now) {
    try {
      SecureRandom random = new SecureRandom();
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair caKeys = generator.generateKeyPair();
      KeyPair servingKeys = generator.generateKeyPair();
      Date notBefore = Date.from(now.minus(CLOCK_SKEW));
      Date notAfter = Date.from(now.plus(VALIDITY));
      var extensions = new JcaX509ExtensionUtils();

      X500Name caName = new X500Name("CN=kubemu-ca");
      X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(random), notBefore, notAfter,
          caName, caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      ca.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      ca.addExtension(Extension.subjectKeyIdentifier, false,
          extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate caCert = sign(ca, caKeys);

      X509v3CertificateBuilder serving = new JcaX509v3CertificateBuilder(caName, serial(random), notBefore,
          notAfter, new X500Name("CN=kube-apiserver"), servingKeys.getPublic());
      serving.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      serving.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      serving.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      serving.addExtension(Extension.authorityKeyIdentifier, false,
          extensions.createAuthorityKeyIdentifier(caCert));
      serving.addExtension(Extension.subjectAlternativeName, false, sans(bindAddress));
      X509Certificate servingCert = sign(serving, caKeys);

      return new ServingPki(pem("CERTIFICATE", caCert.getEncoded()), pem("CERTIFICATE", servingCert.getEncoded()),
          pem("PRIVATE KEY", servingKeys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot generate the serving certificate: " + e.getMessage(), e);
    }
  }

  private static GeneralNames sans(String bindAddress) {
    Set<String> dns = new LinkedHashSet<>(List.of("localhost", "kubernetes", "kubernetes.default",
        "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"));
    Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1", "10.96.0.1"));
    if (bindAddress != null && !bindAddress.isBlank() && !bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
      if (isIpLiteral(bindAddress)) {
        ips.add(bindAddress);
      } else {
        dns.add(bindAddress);
      }
    }
    var names = new ArrayList<GeneralName>();
    dns.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
    ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static boolean isIpLiteral(String address) {
    if (!address.matches("[0-9.]+") && !address.contains(":")) {
      return false;
    }
    try {
      InetAddress.getByName(address);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(63, random).add(BigInteger.ONE);
  }

  private static String pem(String type, byte[] der) {
    var out = new StringWriter();
    out.write("-----BEGIN " + type + "-----\n");
    out.write(Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .encodeToString(der));
    out.write("\n-----END " + type + "-----\n");
    return out.toString();
  }

  public String caCertificatePem() {
    return caCertificatePem;
  }

  public String servingCertificatePem() {
    return servingCertificatePem;
  }

  public String servingPrivateKeyPem() {
    return servingPrivateKeyPem;
  }
}
