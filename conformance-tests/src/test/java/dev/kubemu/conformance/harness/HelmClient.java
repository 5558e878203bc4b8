package dev.kubemu.conformance.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One installed Helm binary (3 or 4), run like {@link KubectlClient} with a private HOME. */
public record HelmClient(int major, Path binary) {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  public static HelmClient of(int major) {
    return new HelmClient(major, Clients.helm(major));
  }

  public CommandResult run(Path kubeconfig, String... args) {
    var all = new ArrayList<String>();
    all.add("--kubeconfig=" + kubeconfig);
    all.addAll(List.of(args));
    return ClientProcess.run(binary, Map.of(), null, TIMEOUT, all);
  }

  @Override
  public String toString() {
    return "helm " + major;
  }
}
