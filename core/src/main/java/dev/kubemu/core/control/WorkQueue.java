package dev.kubemu.core.control;

import dev.kubemu.core.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A controller's queue of keys (of type {@code K}) to reconcile: a key waits at most once (duplicates fold), at most one pass per key
 * runs at a time (a key added while it runs is processed again afterwards), delayed adds and per-key exponential
 * back-off use the emulator clock. Confined to the control loop thread: not thread-safe by design.
 */
public final class WorkQueue<K> {
  static final Duration BASE_BACKOFF = Duration.ofMillis(5);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(1000);

  private final Clock clock;
  private final ArrayDeque<K> ready = new ArrayDeque<>();
  private final Set<K> queued = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Set<K> dirtyWhileProcessing = new HashSet<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private final Consumer<Runnable> wakeUp;

  /**
   * @param clock  time source for delays
   * @param wakeUp called with a task that drains the queue whenever keys become ready; the caller runs it on the
   *               control loop
   */
  public WorkQueue(Clock clock, Consumer<Runnable> wakeUp) {
    this.clock = clock;
    this.wakeUp = wakeUp;
  }

  /** Marks a key for reconciliation now. */
  public void add(K key) {
    if (processing.contains(key)) {
      dirtyWhileProcessing.add(key);
      return;
    }
    if (queued.add(key)) {
      ready.addLast(key);
    }
  }

  /** Marks a key for reconciliation after {@code delay}. */
  public void addAfter(K key, Duration delay, Runnable onDue) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      onDue.run();
      return;
    }
    clock.schedule(delay, () -> wakeUp.accept(() -> {
      add(key);
      onDue.run();
    }));
  }

  /** Back-off after a failure: 5 ms doubling per consecutive failure of the key, up to 1000 s. */
  public Duration backoff(K key) {
    int n = failures.merge(key, 1, Integer::sum);
    long millis = BASE_BACKOFF.toMillis() << Math.min(n - 1, 30);
    return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
  }

  /** Forgets a key's failures after a successful pass. */
  public void forget(K key) {
    failures.remove(key);
  }

  /** Takes the next ready key, or null; the key counts as processing until {@link #done}. */
  public K poll() {
    K key = ready.pollFirst();
    if (key != null) {
      queued.remove(key);
      processing.add(key);
    }
    return key;
  }

  /** Ends a pass over {@code key}; re-queues it if it was added meanwhile. */
  public void done(K key) {
    processing.remove(key);
    if (dirtyWhileProcessing.remove(key)) {
      add(key);
    }
  }

  public boolean isEmpty() {
    return ready.isEmpty();
  }

  public int size() {
    return ready.size();
  }
}
