package dev.kubemu.core.store;

/** A live watch on the store. Closing it stops delivery; events already handed to the executor may still arrive. */
public interface WatchSubscription extends AutoCloseable {
  @Override
  void close();
}
