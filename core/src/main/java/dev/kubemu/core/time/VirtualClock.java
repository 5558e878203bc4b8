package dev.kubemu.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A clock that moves only when a test says so. {@link #advance(Duration)} runs every task that falls due, in due
 * order (ties in scheduling order), on the calling thread; tasks scheduled by those tasks run too if they fall due
 * within the advanced window. Thread-safe.
 */
public final class VirtualClock implements Clock {
  private static final Logger LOG = Logger.getLogger(VirtualClock.class.getName());

  private final Instant origin;
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long elapsedNanos;
  private long sequence;

  public VirtualClock(Instant start) {
    this.origin = start;
  }

  @Override
  public synchronized Instant now() {
    return origin.plusNanos(elapsedNanos);
  }

  @Override
  public synchronized long nanoTime() {
    return elapsedNanos;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    var entry = new Task(elapsedNanos + Math.max(0, delay.toNanos()), sequence++, task);
    queue.add(entry);
    return () -> {
      synchronized (VirtualClock.this) {
        queue.remove(entry);
      }
    };
  }

  /** Moves time forward by {@code duration}, running every task that falls due on the way. */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("cannot move a clock backwards: " + duration);
    }
    long target;
    synchronized (this) {
      target = elapsedNanos + duration.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.dueNanos > target) {
          elapsedNanos = target;
          return;
        }
        queue.poll();
        elapsedNanos = Math.max(elapsedNanos, next.dueNanos);
      }
      try {
        next.task.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "scheduled task failed", e);
      }
    }
  }

  /** Moves time forward to {@code instant}; an instant in the past is an error. */
  public void advanceTo(Instant instant) {
    advance(Duration.between(now(), instant));
  }

  /** Number of tasks waiting for their time. */
  public synchronized int pendingTasks() {
    return queue.size();
  }

  private record Task(long dueNanos, long seq, Runnable task) implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      int c = Long.compare(dueNanos, o.dueNanos);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
