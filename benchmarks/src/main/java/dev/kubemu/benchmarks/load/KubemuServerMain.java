package dev.kubemu.benchmarks.load;

import dev.kubemu.emulator.Emulator;

/**
 * kubemu as the load driver measures it: the in-process emulator with its default three nodes, controllers,
 * scheduler and kubelets running, serving plain HTTP on a free loopback port (TLS is measured separately, by the
 * start-up scenarios). Prints {@code listening PORT}; stops when standard input closes.
 */
public final class KubemuServerMain {
  private KubemuServerMain() {}

  public static void main(String[] args) throws Exception {
    try (Emulator kube = Emulator.builder().start()) {
      System.out.println("listening " + kube.apiServer().actualPort());
      System.out.flush();
      while (System.in.read() >= 0) {
        // until the driver closes our standard input
      }
    }
    System.exit(0);
  }
}
