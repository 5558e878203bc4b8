package dev.kubemu.kubelet;

import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.control.ControlLoop;
import dev.kubemu.core.control.ControllerRunner;

/** The simulated kubelets of one emulator: pod lifecycles, node heartbeats and the events about their nodes. */
public final class KubeletSimulator implements AutoCloseable {
  private final ControllerRunner runner;
  private final NodeHeartbeats heartbeats;
  private final ContainerLogs logs;

  public KubeletSimulator(ResourceOperations operations, ControlLoop loop, KubeletTimings timings) {
    this.runner = new ControllerRunner(operations, loop);
    runner.start(new NodeStatusEvents(operations).spec());
    runner.start(new Kubelets(operations, timings).spec());
    this.heartbeats = new NodeHeartbeats(operations, loop);
    this.logs = new ContainerLogs(operations.clock());
  }

  /** Container log text, for the apiserver's {@code pods/log}. */
  public ContainerLogs logs() {
    return logs;
  }

  @Override
  public void close() {
    heartbeats.close();
    runner.close();
  }
}
