package dev.kubemu.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Real time; scheduled tasks run on the given single-threaded executor (the emulator's control loop). */
public final class SystemClock implements Clock {
  private static final Logger LOG = Logger.getLogger(SystemClock.class.getName());
  private final ScheduledExecutorService executor;

  public SystemClock(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    var future = executor.schedule(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "scheduled task failed", e);
      }
    }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }
}
