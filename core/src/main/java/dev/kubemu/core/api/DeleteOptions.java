package dev.kubemu.core.api;

/**
 * Options of a delete ({@code meta.k8s.io/v1 DeleteOptions}).
 *
 * @param gracePeriodSeconds null for the kind's default
 * @param propagationPolicy  Orphan, Background or Foreground; null for the kind's default (Background)
 * @param preconditionUid    delete only if the uid matches; null for none
 * @param preconditionResourceVersion delete only if the resourceVersion matches; null for none
 * @param dryRun             store nothing
 */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid,
    String preconditionResourceVersion, boolean dryRun) {
  public static DeleteOptions defaults() {
    return new DeleteOptions(null, null, null, null, false);
  }
}
