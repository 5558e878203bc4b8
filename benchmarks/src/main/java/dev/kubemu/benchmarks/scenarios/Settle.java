package dev.kubemu.benchmarks.scenarios;

import dev.kubemu.emulator.Emulator;

/** Waits for the control loop to settle, allowing minutes: a busy shared machine can put it far behind. */
final class Settle {
  private Settle() {}

  static void awaitIdle(Emulator kube) {
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (true) {
      try {
        kube.awaitIdle();
        return;
      } catch (IllegalStateException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }
}
