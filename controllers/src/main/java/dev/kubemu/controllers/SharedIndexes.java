package dev.kubemu.controllers;

import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.control.ControlLoop;
import dev.kubemu.core.control.OwnerIndex;

/**
 * Indexes several controllers read, started before them so they have seen every event the controllers react to.
 */
public final class SharedIndexes implements AutoCloseable {
  private final OwnerIndex podsByOwner;
  private final OwnerIndex replicaSetsByOwner;

  SharedIndexes(ResourceOperations operations, ControlLoop loop) {
    this.podsByOwner = new OwnerIndex(operations, operations.registry().find("", "v1", "pods").orElseThrow(), loop);
    this.replicaSetsByOwner = new OwnerIndex(operations,
        operations.registry().find("apps", "v1", "replicasets").orElseThrow(), loop);
  }

  /** Pods by the uid of their controlling owner (ReplicaSet, StatefulSet, Job, ...). */
  public OwnerIndex podsByOwner() {
    return podsByOwner;
  }

  /** ReplicaSets by the uid of their Deployment. */
  public OwnerIndex replicaSetsByOwner() {
    return replicaSetsByOwner;
  }

  @Override
  public void close() {
    podsByOwner.close();
    replicaSetsByOwner.close();
  }
}
