package dev.kubemu.core.api;

/**
 * Who writes and how: the per-request options every write carries, from HTTP query parameters or from an in-process
 * controller.
 *
 * @param dryRun          {@code dryRun=All}: run every step, store nothing
 * @param fieldManager    the {@code fieldManager} query parameter, or the controller's name
 * @param fieldValidation Strict, Warn or Ignore
 * @param user            the authenticated user name, for audit-like fields
 */
public record RequestContext(boolean dryRun, String fieldManager, FieldValidation fieldValidation, String user) {
  /** How unknown and duplicate fields are treated ({@code fieldValidation}). */
  public enum FieldValidation { STRICT, WARN, IGNORE }

  /** What in-process controllers use. */
  public static RequestContext internal(String component) {
    return new RequestContext(false, component, FieldValidation.IGNORE, "system:serviceaccount:kube-system:" + component);
  }

  public static RequestContext forUser() {
    return new RequestContext(false, "", FieldValidation.STRICT, "kubernetes-admin");
  }
}
