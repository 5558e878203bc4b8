package dev.kubemu.emulator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary development launcher (plain HTTP); replaced by the full CLI. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    int port = 6443;
    Path kubeconfig = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port")) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--kubeconfig")) {
        kubeconfig = Path.of(args[++i]);
      }
    }
    Emulator emulator = Emulator.builder().port(port).start();
    String url = emulator.url();
    if (kubeconfig != null) {
      Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: kubemu\n  cluster:\n    server: "
          + url + "\nusers:\n- name: kubemu\n  user: {}\ncontexts:\n- name: kubemu\n  context:\n    cluster: kubemu\n"
          + "    user: kubemu\ncurrent-context: kubemu\n");
    }
    System.out.println("kubemu ready: " + url + " kubeconfig=" + kubeconfig);
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
    Thread.currentThread().join();
  }
}
