package dev.kubemu.core.store;

/** The object changed between read and write ({@link VersionedStore#compareAndSet}); re-read and retry. */
public final class StoreConflictException extends RuntimeException {
  private final transient StoredObject current;

  StoreConflictException(StoredObject current) {
    super("object changed concurrently", null, false, false);
    this.current = current;
  }

  /** What the store holds now (null if the object is gone). */
  public StoredObject current() {
    return current;
  }
}
