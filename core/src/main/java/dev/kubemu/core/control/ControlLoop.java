package dev.kubemu.core.control;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The emulator's single control-loop thread: every controller, the scheduler and the kubelets run their logic here,
 * one task at a time, so their state needs no locks. It counts submitted and finished tasks so tests can wait until
 * the cluster has settled ({@link #awaitIdle}).
 */
public final class ControlLoop implements Executor, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ControlLoop.class.getName());

  private final ScheduledExecutorService executor;
  private final Object lock = new Object();
  private long pending;

  public ControlLoop(String threadName) {
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /** The underlying scheduler, for a {@link dev.kubemu.core.time.SystemClock} that runs timers on this loop. */
  public ScheduledExecutorService scheduler() {
    return executor;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (lock) {
      pending++;
    }
    try {
      executor.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.log(Level.SEVERE, "control loop task failed", e);
        } finally {
          synchronized (lock) {
            pending--;
            lock.notifyAll();
          }
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      synchronized (lock) {
        pending--;
        lock.notifyAll();
      }
    }
  }

  /** Waits until no submitted task is queued or running. */
  public void awaitIdle(Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("control loop still busy after " + timeout + " (" + pending + " tasks)");
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  public boolean isIdle() {
    synchronized (lock) {
      return pending == 0;
    }
  }

  @Override
  public void close() {
    ExecutorService e = executor;
    e.shutdownNow();
    try {
      e.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }
}
