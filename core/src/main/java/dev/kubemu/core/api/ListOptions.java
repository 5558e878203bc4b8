package dev.kubemu.core.api;

import dev.kubemu.core.object.FieldSelector;
import dev.kubemu.core.object.LabelSelector;

/**
 * What a list or watch asks for.
 *
 * @param labelSelector   parsed {@code labelSelector}
 * @param fieldSelector   parsed {@code fieldSelector}
 * @param limit           page size; 0 for everything
 * @param continueToken   the {@code continue} token of the previous page, or null
 * @param resourceVersion the {@code resourceVersion} parameter as sent ("" when absent)
 */
public record ListOptions(LabelSelector labelSelector, FieldSelector fieldSelector, long limit, String continueToken,
    String resourceVersion) {
  public static ListOptions everything() {
    return new ListOptions(LabelSelector.everything(), FieldSelector.everything(), 0, null, "");
  }

  public static ListOptions labels(LabelSelector selector) {
    return new ListOptions(selector, FieldSelector.everything(), 0, null, "");
  }
}
