package dev.kubemu.controllers.scheduler;

/**
 * Where a pod goes: a node name (with what its volumes need there, null for a pod without claims), or the
 * FailedScheduling message when no node fits.
 */
record SchedulingDecision(String node, VolumeBinding.NodeVolumes volumes, String failureMessage) {
  static SchedulingDecision bind(String node, VolumeBinding.NodeVolumes volumes) {
    return new SchedulingDecision(node, volumes, null);
  }

  static SchedulingDecision unschedulable(String message) {
    return new SchedulingDecision(null, null, message);
  }

  boolean scheduled() {
    return node != null;
  }

  /** Whether volumes must be bound or provisioned before the pod may bind to the node. */
  boolean needsVolumeBinding() {
    return volumes != null && !volumes.allBound();
  }
}
