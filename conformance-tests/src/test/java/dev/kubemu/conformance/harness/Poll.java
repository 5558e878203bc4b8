package dev.kubemu.conformance.harness;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits on real processes with a deadline: the only place a conformance test may wait. */
public final class Poll {
  private Poll() {}

  public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long backoff = 20;
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last value: " + last);
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      backoff = Math.min(backoff * 2, 500);
      last = probe.get();
    }
    return last;
  }
}
