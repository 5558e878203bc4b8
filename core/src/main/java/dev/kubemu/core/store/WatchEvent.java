package dev.kubemu.core.store;

/**
 * A change to one object. For {@link Type#DELETED} the object is the last state, carrying the deletion's
 * resourceVersion; {@code previous} is the state before the change (null for ADDED).
 */
public record WatchEvent(Type type, StoredObject object, StoredObject previous) {
  /**
   * Event types as they appear on the wire. BOOKMARK only marks the end of the initial events of a watch that asked
   * for them ({@code sendInitialEvents}); its object carries just the resourceVersion.
   */
  public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK }

  public long resourceVersion() {
    return object.resourceVersion();
  }
}
