package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.store.StoredObject;
import java.util.function.Supplier;

/**
 * The outcome of a write. The object is rendered when first asked for: controllers write far more than they read
 * back, and rendering copies the whole tree.
 */
public final class WriteResult {
  private final StoredObject stored;
  private final Supplier<ObjectNode> render;
  private final Supplier<byte[]> encode;
  private final boolean created;
  private final boolean removed;
  private ObjectNode object;

  /**
   * @param stored  the revision written, or null on a dry run
   * @param render  renders the object as stored (or as it would be, on a dry run), in the version the caller asked
   *                for
   * @param created true when a create happened (HTTP 201)
   * @param removed for deletes: true when the object is gone, false when it was only marked for deletion
   */
  public WriteResult(StoredObject stored, Supplier<ObjectNode> render, boolean created, boolean removed) {
    this(stored, render, null, created, removed);
  }

  /**
   * @param encode the wire bytes of what {@code render} gives, without rendering (the stored bytes, when the caller
   *               asked for the storage version)
   */
  public WriteResult(StoredObject stored, Supplier<ObjectNode> render, Supplier<byte[]> encode, boolean created,
      boolean removed) {
    this.stored = stored;
    this.render = render;
    this.encode = encode;
    this.created = created;
    this.removed = removed;
  }

  public WriteResult(ObjectNode object, boolean created, boolean removed) {
    this(null, () -> object, null, created, removed);
    this.object = object;
  }

  /** The object as stored (or as it would be, on a dry run), in the version the caller asked for. */
  public ObjectNode object() {
    // rendering is a pure function of an immutable revision, so a race only renders twice
    ObjectNode o = object;
    if (o == null) {
      o = render.get();
      object = o;
    }
    return o;
  }

  /** The object as JSON, what an HTTP client gets back: no rendering when the revision's bytes already are that. */
  public byte[] encoded() {
    return object == null && encode != null ? encode.get() : Json.bytes(object());
  }

  /** The object's name, without rendering it. */
  public String name() {
    return stored != null ? stored.name() : Meta.name(object());
  }

  public boolean created() {
    return created;
  }

  public boolean removed() {
    return removed;
  }
}
