package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;

/** Shared pieces of delete behaviour used by strategies. */
public final class Deletion {
  private Deletion() {}

  /** Keeps an object that still has finalizers, marking it deleted; null (remove now) otherwise. */
  public static ObjectNode keepForFinalizers(ObjectNode current, WriteContext ctx) {
    var finalizers = Meta.meta(current).path("finalizers");
    if (!finalizers.isArray() || finalizers.isEmpty()) {
      return null;
    }
    markDeleted(current, ctx, 0);
    return current;
  }

  /** Sets {@code deletionTimestamp} (now + grace) and {@code deletionGracePeriodSeconds} unless already set. */
  public static void markDeleted(ObjectNode object, WriteContext ctx, long graceSeconds) {
    ObjectNode meta = Meta.metaForWrite(object);
    if (!meta.hasNonNull("deletionTimestamp")) {
      meta.put("deletionTimestamp", Timestamps.format(ctx.now().plusSeconds(graceSeconds)));
      meta.put("deletionGracePeriodSeconds", graceSeconds);
    }
  }
}
