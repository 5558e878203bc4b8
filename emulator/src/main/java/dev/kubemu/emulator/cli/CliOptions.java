package dev.kubemu.emulator.cli;

import dev.kubemu.core.object.Quantity;
import dev.kubemu.kubelet.KubeletTimings;
import java.nio.file.Path;

/**
 * The launcher's options, parsed and validated.
 *
 * @param kubeconfig    null to merge into the user's kubeconfig
 * @param kubeletDelays how long simulated kubelets take to pull, start and stop (realistic unless told otherwise)
 */
public record CliOptions(String address, int port, Path kubeconfig, int nodes, Quantity nodeCpu, Quantity nodeMemory,
    int maxPods, KubeletTimings kubeletDelays, boolean insecureHttp, boolean help, boolean version) {

  public static final String USAGE = String.join("\n",
      "Usage: kubemu [options]",
      "",
      "Runs an in-memory Kubernetes control plane that kubectl talks to.",
      "",
      "Options:",
      "  --address ADDR        address to bind (default 127.0.0.1)",
      "  --port N              port to bind; 0 picks a free port (default 6443)",
      "  --kubeconfig PATH     write a standalone kubeconfig to PATH and leave your kubeconfig alone",
      "                        (default: merge a \"kubemu\" context into $KUBECONFIG or ~/.kube/config)",
      "  --nodes N             number of simulated nodes (default 3)",
      "  --node-cpu QUANTITY   CPU capacity of each node (default 4)",
      "  --node-memory QTY     memory capacity of each node (default 8Gi)",
      "  --max-pods N          pods per node (default 110)",
      "  --kubelet-delays D    how long kubelets take to pull images, start and stop containers:",
      "                        realistic (default: pull=1.5s,start=500ms,stop=1s), instant, or",
      "                        pull=DUR,start=DUR,stop=DUR (keys left out stay realistic)",
      "  --insecure-http       serve plain HTTP without authentication (debugging)",
      "  --help                print this help",
      "  --version             print the version",
      "");

  /** Parses the arguments; throws a {@link CliException} naming the offending option. */
  public static CliOptions parse(String... args) throws CliException {
    String address = "127.0.0.1";
    int port = 6443;
    Path kubeconfig = null;
    int nodes = 3;
    Quantity cpu = Quantity.parse("4");
    Quantity memory = Quantity.parse("8Gi");
    int maxPods = 110;
    KubeletTimings delays = KubeletTimings.realistic();
    boolean insecure = false;
    boolean help = false;
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--version" -> version = true;
        case "--insecure-http" -> insecure = true;
        case "--address", "--port", "--kubeconfig", "--nodes", "--node-cpu", "--node-memory", "--max-pods",
            "--kubelet-delays" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new CliException("kubemu: " + name + " needs a value (see --help)");
            }
            value = args[++i];
          }
          switch (name) {
            case "--address" -> {
              if (value.isBlank()) {
                throw new CliException("kubemu: --address: must not be empty");
              }
              address = value;
            }
            case "--port" -> port = integer(name, value, 0, 65535);
            case "--kubeconfig" -> {
              if (value.isBlank()) {
                throw new CliException("kubemu: --kubeconfig: must not be empty");
              }
              kubeconfig = Path.of(value);
            }
            case "--nodes" -> nodes = integer(name, value, 0, 10_000);
            case "--node-cpu" -> cpu = quantity(name, value);
            case "--node-memory" -> memory = quantity(name, value);
            case "--kubelet-delays" -> delays = delays(name, value);
            default -> maxPods = integer(name, value, 1, 100_000);
          }
        }
        default -> throw new CliException("kubemu: unknown option " + arg + " (see --help)");
      }
    }
    return new CliOptions(address, port, kubeconfig, nodes, cpu, memory, maxPods, delays, insecure, help,
        version);
  }

  private static int integer(String option, String value, int min, int max) throws CliException {
    try {
      int n = Integer.parseInt(value.trim());
      if (n < min || n > max) {
        throw new CliException("kubemu: " + option + ": " + n + " is out of range " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new CliException("kubemu: " + option + ": \"" + value + "\" is not a number");
    }
  }

  private static KubeletTimings delays(String option, String value) throws CliException {
    try {
      return KubeletTimings.parse(value);
    } catch (IllegalArgumentException e) {
      throw new CliException("kubemu: " + option + ": " + e.getMessage());
    }
  }

  private static Quantity quantity(String option, String value) throws CliException {
    try {
      Quantity q = Quantity.parse(value.trim());
      if (q.value().signum() <= 0) {
        throw new CliException("kubemu: " + option + ": \"" + value + "\" must be greater than zero");
      }
      return q;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new CliException("kubemu: " + option + ": \"" + value + "\" is not a valid quantity (e.g. 4, 3500m, "
          + "8Gi)");
    }
  }
}
