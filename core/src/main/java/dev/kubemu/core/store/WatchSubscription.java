package dev.kubemu.core.store;

/** A live watch on the store. Closing it stops delivery; events already handed to the executor may still arrive. */
public interface WatchSubscription extends AutoCloseable {
  @Override
  void close();

  /**
   * Changes made since the watch started that have not yet reached the watcher; the replay it started with does not
   * count. A watcher that lets this grow is unresponsive, and kube-apiserver closes such watchers.
   */
  default long backlog() {
    return 0;
  }
}
