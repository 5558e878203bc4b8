package dev.kubemu.core.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The only source of time in an emulator. Controllers, kubelets and the apiserver ask it for {@link #now()} and
 * schedule delayed work on it; nothing reads the wall clock directly, so tests can swap in a {@link VirtualClock}
 * and fast-forward.
 */
public interface Clock {
  /** Wall time for timestamps (creationTimestamp, lastTransitionTime, events, Table ages). */
  Instant now();

  /** Monotonic nanoseconds, for durations and back-off. */
  long nanoTime();

  /**
   * Runs {@code task} once after {@code delay}. Tasks are run one at a time, in due order, never on the caller's
   * stack. A task that throws is logged and does not stop later tasks.
   */
  Cancellable schedule(Duration delay, Runnable task);
}
