package dev.kubemu.controllers;

import dev.kubemu.controllers.certificates.RootCaPublisher;
import dev.kubemu.controllers.deployment.DeploymentController;
import dev.kubemu.controllers.disruption.DisruptionController;
import dev.kubemu.controllers.endpoints.EndpointSliceController;
import dev.kubemu.controllers.endpoints.EndpointsController;
import dev.kubemu.controllers.gc.GarbageCollector;
import dev.kubemu.controllers.namespace.NamespaceController;
import dev.kubemu.controllers.node.NodeLifecycleController;
import dev.kubemu.controllers.replicaset.ReplicaSetController;
import dev.kubemu.controllers.scheduler.Scheduler;
import dev.kubemu.controllers.serviceaccount.ServiceAccountsController;
import dev.kubemu.controllers.statefulset.StatefulSetController;
import dev.kubemu.controllers.volume.PersistentVolumeController;
import dev.kubemu.controllers.volume.PvProtectionController;
import dev.kubemu.controllers.volume.PvcProtectionController;
import dev.kubemu.controllers.volume.SimulatedDiskProvisioner;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.control.ControlLoop;
import dev.kubemu.core.control.ControllerRunner;
import dev.kubemu.core.control.ControllerSpec;
import java.util.List;

/** Starts and stops every controller of one emulator, like kube-controller-manager. */
public final class ControllerManager implements AutoCloseable {
  private final ControllerRunner runner;
  private final GarbageCollector garbageCollector;
  private final SharedIndexes indexes;
  private final Scheduler scheduler;

  public ControllerManager(ResourceOperations operations, ControlLoop loop) {
    this(operations, loop, null);
  }

  /**
   * @param clusterCaPem the cluster CA certificate (PEM) to publish as {@code kube-root-ca.crt} in every namespace;
   *                     null for an emulator without one (plain HTTP), which then publishes nothing
   */
  public ControllerManager(ResourceOperations operations, ControlLoop loop, String clusterCaPem) {
    this.indexes = new SharedIndexes(operations, loop);
    this.runner = new ControllerRunner(operations, loop);
    this.garbageCollector = new GarbageCollector(operations, loop);
    this.scheduler = new Scheduler(operations, loop);
    for (ControllerSpec spec : specs(operations, indexes)) {
      runner.start(spec);
    }
    if (clusterCaPem != null) {
      runner.start(new RootCaPublisher(operations, clusterCaPem).spec());
    }
    runner.start(scheduler.spec());
  }

  static List<ControllerSpec> specs(ResourceOperations operations, SharedIndexes indexes) {
    var volumes = new PersistentVolumeController(operations);
    var provisioner = new SimulatedDiskProvisioner(operations);
    return List.of(
        new ReplicaSetController(operations, indexes.podsByOwner()).spec(),
        new DeploymentController(operations, indexes.replicaSetsByOwner(), indexes.podsByOwner()).spec(),
        new StatefulSetController(operations, indexes.podsByOwner(), indexes.revisionsByOwner()).spec(),
        new NamespaceController(operations).spec(),
        new EndpointsController(operations).spec(),
        new EndpointSliceController(operations).spec(),
        new DisruptionController(operations).spec(),
        new NodeLifecycleController(operations).spec(),
        new ServiceAccountsController(operations).spec(),
        volumes.claimSpec(),
        volumes.volumeSpec(),
        provisioner.claimSpec(),
        provisioner.volumeSpec(),
        new PvcProtectionController(operations).spec(),
        new PvProtectionController(operations).spec());
  }

  @Override
  public void close() {
    scheduler.close();
    garbageCollector.close();
    runner.close();
    indexes.close();
  }
}
