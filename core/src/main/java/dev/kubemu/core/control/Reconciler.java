package dev.kubemu.core.control;

/**
 * Brings one object's world to its desired state, reading current state (never the triggering event) and writing
 * through {@link dev.kubemu.core.api.ResourceOperations}. Runs on the emulator's control loop, one key at a time.
 * Throwing (a 409 Conflict included) makes the runner retry the key with back-off.
 */
@FunctionalInterface
public interface Reconciler {
  Result reconcile(ObjectKey key);
}
