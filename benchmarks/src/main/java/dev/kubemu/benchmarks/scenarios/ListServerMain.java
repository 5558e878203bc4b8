package dev.kubemu.benchmarks.scenarios;

import dev.kubemu.emulator.Emulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The kubectl list scenario's cluster, left running for hand measurements ({@code kubectl -v=6}, {@code time -v},
 * JFR): an HTTPS emulator holding {@code N} Running pods (default 10,000), its kubeconfig copied to the path given
 * as first argument (default {@code /tmp/kubemu-list.kubeconfig}). Prints {@code ready} and serves until killed.
 */
public final class ListServerMain {
  private ListServerMain() {}

  public static void main(String[] args) throws Exception {
    Path kubeconfig = Path.of(args.length > 0 ? args[0] : "/tmp/kubemu-list.kubeconfig");
    int pods = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    SecureCluster cluster = SecureCluster.start(Emulator.builder());
    long start = System.nanoTime();
    new PodFiller(cluster.kube()).fill(pods, 100);
    Settle.awaitIdle(cluster.kube());
    Files.copy(cluster.kubeconfig(), kubeconfig, StandardCopyOption.REPLACE_EXISTING);
    System.out.printf("ready: %d pods in %.1f s, kubeconfig=%s%n", pods, (System.nanoTime() - start) / 1e9,
        kubeconfig);
    System.out.flush();
    Thread.currentThread().join();
  }
}
