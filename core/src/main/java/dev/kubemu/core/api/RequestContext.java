package dev.kubemu.core.api;

import java.util.List;

/**
 * Who writes and how: the per-request options every write carries, from HTTP query parameters or from an in-process
 * controller.
 *
 * @param dryRun          {@code dryRun=All}: run every step, store nothing
 * @param fieldManager    the {@code fieldManager} query parameter, or the controller's name; may be empty
 * @param fieldValidation Strict, Warn or Ignore
 * @param user            the authenticated user name, for audit-like fields
 * @param userAgent       the client's User-Agent; names the manager of its changes when it gives no fieldManager
 * @param force           {@code force=true} on a server-side apply: take over conflicting fields
 * @param duplicateFields members the request body set twice, in document order, found while the transport parsed
 *                        it (they take part in strict field validation)
 * @param warnings        where the pipeline puts what the client should be warned about
 */
public record RequestContext(boolean dryRun, String fieldManager, FieldValidation fieldValidation, String user,
    String userAgent, boolean force, List<DuplicateField> duplicateFields, Warnings warnings) {
  /** How unknown and duplicate fields are treated ({@code fieldValidation}). */
  public enum FieldValidation { STRICT, WARN, IGNORE }

  public RequestContext {
    fieldManager = fieldManager == null ? "" : fieldManager;
    userAgent = userAgent == null ? "" : userAgent;
    duplicateFields = List.copyOf(duplicateFields);
    warnings = warnings == null ? Warnings.discarding() : warnings;
  }

  public RequestContext(boolean dryRun, String fieldManager, FieldValidation fieldValidation, String user) {
    this(dryRun, fieldManager, fieldValidation, user, "", false, List.of(), Warnings.discarding());
  }

  /**
   * What in-process components use. Their writes are owned, in managedFields, by the program that runs them on a
   * real cluster: the controllers of kube-controller-manager (deployment-controller, generic-garbage-collector, ...)
   * as {@code kube-controller-manager}, the scheduler as {@code kube-scheduler}, the others by their own name.
   */
  public static RequestContext internal(String component) {
    return new RequestContext(false, managerOf(component), FieldValidation.IGNORE,
        INTERNAL_USER_PREFIX + component);
  }

  private static final String INTERNAL_USER_PREFIX = "system:serviceaccount:kube-system:";

  private static String managerOf(String component) {
    if (component.endsWith("-controller") || component.equals("generic-garbage-collector")) {
      return "kube-controller-manager";
    }
    if (component.equals("default-scheduler")) {
      return "kube-scheduler";
    }
    return component;
  }

  public static RequestContext forUser() {
    return new RequestContext(false, "", FieldValidation.STRICT, "kubernetes-admin");
  }

  /**
   * The manager that owns the fields this request sets: the {@code fieldManager} parameter, else the product part of
   * the User-Agent ({@code kubectl} from {@code kubectl/v1.33.1 (linux/amd64) ...}), as kube-apiserver names it.
   */
  public String manager() {
    if (!fieldManager.isEmpty()) {
      return fieldManager;
    }
    String prefix = userAgent.split("/", 2)[0];
    return prefix.length() > 128 ? prefix.substring(0, 128) : prefix;
  }

  /** Whether the writer is one of the emulator's own components rather than a client. */
  public boolean inProcess() {
    return user.startsWith(INTERNAL_USER_PREFIX) && userAgent.isEmpty();
  }

  /** This request with the body's duplicate fields recorded. */
  public RequestContext withDuplicateFields(List<DuplicateField> duplicates) {
    return new RequestContext(dryRun, fieldManager, fieldValidation, user, userAgent, force, duplicates, warnings);
  }
}
