package dev.kubemu.kinds.core.validation;

/**
 * What differs between validating a Pod and a pod template embedded in a workload (kube-apiserver's
 * {@code PodValidationOptions}).
 *
 * @param resourceIsPod the spec belongs to a Pod, not to a template: host ports must equal container ports on the
 *                      host network, images may not have surrounding whitespace
 * @param podName       the pod's name, for the names of generic ephemeral volume claims; empty for templates
 */
public record PodValidationOptions(boolean resourceIsPod, String podName) {
  /** For pod templates of workloads. */
  public static final PodValidationOptions TEMPLATE = new PodValidationOptions(false, "");

  public static PodValidationOptions pod(String name) {
    return new PodValidationOptions(true, name == null ? "" : name);
  }
}
