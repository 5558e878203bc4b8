package dev.kubemu.emulator;

import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.WatchEvent;
import dev.kubemu.core.store.WatchSubscription;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Puts {@code default/kubernetes} (Service and Endpoints) back shortly after someone deletes it, as kube-apiserver's
 * bootstrap controller does ({@code kubectl delete svc --all} deletes it too).
 */
final class KubernetesServiceRepair implements AutoCloseable {
  static final Duration REPAIR_DELAY = Duration.ofSeconds(1);
  private final WatchSubscription services;
  private final WatchSubscription endpoints;

  KubernetesServiceRepair(ResourceOperations operations, ClusterBootstrap bootstrap, Executor controlLoop) {
    Runnable repair = () -> operations.clock().schedule(REPAIR_DELAY, bootstrap::createKubernetesService);
    this.services = watchDeletion(operations, "services", controlLoop, repair);
    this.endpoints = watchDeletion(operations, "endpoints", controlLoop, repair);
  }

  private static WatchSubscription watchDeletion(ResourceOperations operations, String plural, Executor executor,
      Runnable repair) {
    ResourceType type = operations.registry().find("", "v1", plural).orElseThrow();
    ListOptions options = new ListOptions(dev.kubemu.core.object.LabelSelector.everything(),
        dev.kubemu.core.object.FieldSelector.everything(), 0, null,
        Long.toString(operations.store().revision()));
    return operations.watch(type, "default", options, executor, event -> {
      if (event.type() == WatchEvent.Type.DELETED && event.object().name().equals("kubernetes")) {
        repair.run();
      }
    });
  }

  @Override
  public void close() {
    services.close();
    endpoints.close();
  }
}
