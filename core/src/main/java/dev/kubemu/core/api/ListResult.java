package dev.kubemu.core.api;

import dev.kubemu.core.store.StoredObject;
import java.util.List;

/**
 * One page of a list.
 *
 * @param resourceVersion   the store revision of the snapshot (the first page's for continued lists)
 * @param items             matching objects in key order
 * @param continueToken     token for the next page, or null on the last page
 * @param remainingItemCount objects after this page, when known (unfiltered lists), else null
 */
public record ListResult(long resourceVersion, List<StoredObject> items, String continueToken,
    Long remainingItemCount) {}
