package dev.kubemu.controllers.scheduler;

/** Where a pod goes: a node name, or the FailedScheduling message when no node fits. */
record SchedulingDecision(String node, String failureMessage) {
  static SchedulingDecision bind(String node) {
    return new SchedulingDecision(node, null);
  }

  static SchedulingDecision unschedulable(String message) {
    return new SchedulingDecision(null, message);
  }

  boolean scheduled() {
    return node != null;
  }
}
