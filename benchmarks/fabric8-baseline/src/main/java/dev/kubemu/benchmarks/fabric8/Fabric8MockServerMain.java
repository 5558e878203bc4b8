package dev.kubemu.benchmarks.fabric8;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * Serves fabric8's {@code KubernetesMockServer} in CRUD mode (plain HTTP on a free loopback port), as a test using
 * {@code @EnableKubernetesMockClient(crud = true)} gets it, and prints {@code listening PORT} once it accepts
 * connections. Runs until its standard input closes, so it never outlives the load driver that started it.
 */
public final class Fabric8MockServerMain {
  private Fabric8MockServerMain() {}

  public static void main(String[] args) throws Exception {
    var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    System.out.println("listening " + server.getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the driver to close our standard input
    }
    server.destroy();
    System.exit(0);
  }
}
