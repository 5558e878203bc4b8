package dev.kubemu.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.store.WatchSubscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs controllers on the control loop: feeds each one's work queue from store watches, calls its reconciler one key
 * at a time, and owns failure handling — conflicts retry at once, other errors are logged and retried with
 * back-off, {@link Result#requeueAfter} waits on the emulator clock.
 */
public final class ControllerRunner implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ControllerRunner.class.getName());
  /** Keys processed per turn before yielding the loop to other controllers. */
  private static final int BATCH = 64;

  private final ResourceOperations operations;
  private final ControlLoop loop;
  private final List<WatchSubscription> subscriptions = new ArrayList<>();
  private volatile boolean closed;

  public ControllerRunner(ResourceOperations operations, ControlLoop loop) {
    this.operations = operations;
    this.loop = loop;
  }

  /** Starts a controller: every existing object of its watched types is reconciled once, then changes as they come. */
  public void start(ControllerSpec spec) {
    var runner = new Running(spec);
    for (ControllerSpec.Watch watch : spec.watches()) {
      subscriptions.add(operations.watch(watch.type(), null, ListOptions.everything(), loop, event -> {
        runner.enqueue(watch, event.type(), event.object());
        if (event.previous() != null) {
          runner.enqueue(watch, event.type(), event.previous());
        }
      }));
    }
  }

  @Override
  public void close() {
    closed = true;
    subscriptions.forEach(WatchSubscription::close);
  }

  /** One started controller; all its state is confined to the control loop. */
  private final class Running {
    private final ControllerSpec spec;
    private final WorkQueue<ObjectKey> queue;
    private boolean drainScheduled;

    Running(ControllerSpec spec) {
      this.spec = spec;
      this.queue = new WorkQueue<>(operations.clock(), loop::execute);
    }

    void enqueue(ControllerSpec.Watch watch, dev.kubemu.core.store.WatchEvent.Type type,
        dev.kubemu.core.store.StoredObject object) {
      JsonNode tree = operations.storageTree(object);
      for (ObjectKey key : watch.keys().apply(type, tree)) {
        queue.add(key);
      }
      scheduleDrain();
    }

    void scheduleDrain() {
      if (!drainScheduled && !queue.isEmpty() && !closed) {
        drainScheduled = true;
        loop.execute(this::drain);
      }
    }

    private void drain() {
      drainScheduled = false;
      for (int i = 0; i < BATCH && !closed; i++) {
        ObjectKey key = queue.poll();
        if (key == null) {
          break;
        }
        try {
          Result result = spec.reconciler().reconcile(key);
          queue.forget(key);
          Duration after = result.requeueAfterOrNull();
          if (after != null) {
            queue.addAfter(key, after, this::scheduleDrain);
          }
        } catch (ApiException e) {
          if (e.code() == 409) {
            queue.addAfter(key, queue.backoff(key), this::scheduleDrain);
          } else {
            LOG.log(Level.WARNING, spec.name() + " failed to reconcile " + key + ": " + e.getMessage());
            queue.addAfter(key, queue.backoff(key), this::scheduleDrain);
          }
        } catch (RuntimeException e) {
          LOG.log(Level.SEVERE, spec.name() + " failed to reconcile " + key, e);
          queue.addAfter(key, queue.backoff(key), this::scheduleDrain);
        } finally {
          queue.done(key);
        }
      }
      scheduleDrain();
    }
  }
}
