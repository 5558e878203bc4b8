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
  private final OwnerIndex revisionsByOwner;

  SharedIndexes(ResourceOperations operations, ControlLoop loop) {
    this.podsByOwner = new OwnerIndex(operations, operations.registry().find("", "v1", "pods").orElseThrow(), loop);
    this.replicaSetsByOwner = new OwnerIndex(operations,
        operations.registry().find("apps", "v1", "replicasets").orElseThrow(), loop);
    this.revisionsByOwner = new OwnerIndex(operations,
        operations.registry().find("apps", "v1", "controllerrevisions").orElseThrow(), loop);
  }

  /** Pods by the uid of their controlling owner (ReplicaSet, StatefulSet, Job, ...). */
  public OwnerIndex podsByOwner() {
    return podsByOwner;
  }

  /** ReplicaSets by the uid of their Deployment. */
  public OwnerIndex replicaSetsByOwner() {
    return replicaSetsByOwner;
  }

  /** ControllerRevisions by the uid of their StatefulSet (or DaemonSet). */
  public OwnerIndex revisionsByOwner() {
    return revisionsByOwner;
  }

  @Override
  public void close() {
    podsByOwner.close();
    replicaSetsByOwner.close();
    revisionsByOwner.close();
  }
}
