package dev.kubemu.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.control.ControlLoop;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.time.Cancellable;
import java.time.Duration;
import java.time.Instant;

/**
 * What kubelets do for their nodes on a timer: renew the node Lease every 10 s (a quarter of its 40 s duration) and
 * refresh the node's condition heartbeats every 5 minutes (nodeStatusReportFrequency), on the emulator clock.
 */
public final class NodeHeartbeats implements AutoCloseable {
  static final Duration LEASE_RENEW = Duration.ofSeconds(10);
  static final Duration STATUS_REPORT = Duration.ofMinutes(5);

  private final ResourceOperations operations;
  private final ControlLoop loop;
  private final ResourceType nodes;
  private final ResourceType leases;
  private final RequestContext request = RequestContext.internal("kubelet");
  private volatile boolean closed;
  private volatile Cancellable leaseTimer;
  private volatile Cancellable statusTimer;

  public NodeHeartbeats(ResourceOperations operations, ControlLoop loop) {
    this.operations = operations;
    this.loop = loop;
    this.nodes = operations.registry().find("", "v1", "nodes").orElseThrow();
    this.leases = operations.registry().find("coordination.k8s.io", "v1", "leases").orElseThrow();
    scheduleLeases();
    scheduleStatus();
  }

  private void scheduleLeases() {
    if (!closed) {
      leaseTimer = operations.clock().schedule(LEASE_RENEW, () -> loop.execute(() -> {
        renewLeases();
        scheduleLeases();
      }));
    }
  }

  private void scheduleStatus() {
    if (!closed) {
      statusTimer = operations.clock().schedule(STATUS_REPORT, () -> loop.execute(() -> {
        reportStatus();
        scheduleStatus();
      }));
    }
  }

  private void renewLeases() {
    Instant now = operations.clock().now();
    for (StoredObject stored : simulatedNodes()) {
      StoredObject lease = operations.store().get(leases.storageResource(), "kube-node-lease", stored.name());
      if (lease == null) {
        continue;
      }
      ObjectNode next = (ObjectNode) operations.storageTree(lease).deepCopy();
      ((ObjectNode) next.get("spec")).put("renewTime", Timestamps.formatMicro(now));
      update(leases, lease, next, Target.MAIN);
    }
  }

  private void reportStatus() {
    String now = Timestamps.format(operations.clock().now());
    for (StoredObject stored : simulatedNodes()) {
      ObjectNode next = (ObjectNode) operations.storageTree(stored).deepCopy();
      for (JsonNode c : next.path("status").path("conditions")) {
        ((ObjectNode) c).put("lastHeartbeatTime", now);
      }
      update(nodes, stored, next, Target.STATUS);
    }
  }

  private Iterable<StoredObject> simulatedNodes() {
    var result = new java.util.ArrayList<StoredObject>();
    for (StoredObject o : operations.list(nodes, null, ListOptions.everything()).items()) {
      if (operations.storageTree(o).path("spec").path("providerID").asText("").startsWith("kubemu://")) {
        result.add(o);
      }
    }
    return result;
  }

  private void update(ResourceType type, StoredObject stored, ObjectNode next, Target target) {
    try {
      operations.updateStored(type, stored, next, request, target);
    } catch (ApiException e) {
      // a concurrent change wins; the next beat writes again
      if (e.code() != 409 && e.code() != 404) {
        throw e;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    if (leaseTimer != null) {
      leaseTimer.cancel();
    }
    if (statusTimer != null) {
      statusTimer.cancel();
    }
  }
}
