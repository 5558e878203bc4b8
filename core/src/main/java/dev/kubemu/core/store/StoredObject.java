package dev.kubemu.core.store;

/**
 * One revision of one object as the store keeps it: its JSON bytes exactly as clients receive them (storage
 * version, {@code kind}/{@code apiVersion} and {@code metadata.resourceVersion} included). Immutable. Decode it with
 * {@link VersionedStore#tree(StoredObject)}.
 */
public final class StoredObject {
  private final String namespace;
  private final String name;
  private final long resourceVersion;
  private final byte[] json;
  // set once a newer revision replaces this one or the object is deleted: lets holders of a revision (an index fed
  // by events) tell whether it is still current without a store lookup
  private volatile boolean superseded;

  StoredObject(String namespace, String name, long resourceVersion, byte[] json) {
    this.namespace = namespace;
    this.name = name;
    this.resourceVersion = resourceVersion;
    this.json = json;
  }

  /** The namespace, or {@code ""} for cluster-scoped objects. */
  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  public long resourceVersion() {
    return resourceVersion;
  }

  /** The encoded object. Callers must not modify the array. */
  public byte[] json() {
    return json;
  }

  /** Whether the store has replaced this revision with a newer one or deleted the object. */
  public boolean superseded() {
    return superseded;
  }

  void supersede() {
    superseded = true;
  }

  /** The store key: {@code namespace/name}, or {@code /name} when cluster-scoped. */
  public String key() {
    return VersionedStore.key(namespace, name);
  }

  @Override
  public String toString() {
    return key() + "@" + resourceVersion;
  }
}
