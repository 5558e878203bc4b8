package dev.kubemu.emulator;

import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

/**
 * Initialises the JDK's TLS provider (its SSL context, engine and cipher-suite tables) on a start-up thread that has
 * nothing else to do, so that the server's own TLS set-up, which runs after the cluster is built and just before the
 * ready line, finds those classes loaded and initialised. It creates nothing the server uses.
 */
final class TlsWarmUp {
  private TlsWarmUp() {}

  static void run() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      // empty managers: the default ones would read the JDK's CA store, which a server does not need
      context.init(new KeyManager[0], new TrustManager[0], null);
      SSLEngine engine = context.createSSLEngine();
      engine.setUseClientMode(false);
      engine.getSupportedCipherSuites();
    } catch (GeneralSecurityException | RuntimeException e) {
      // a warm-up only: the server's own set-up reports any real problem
    }
  }
}
