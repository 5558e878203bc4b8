package dev.kubemu.core.time;

/** A scheduled task that may still be cancelled. Cancelling a task that already ran is a no-op. */
@FunctionalInterface
public interface Cancellable {
  void cancel();
}
