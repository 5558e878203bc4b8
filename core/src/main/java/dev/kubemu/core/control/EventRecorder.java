package dev.kubemu.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.object.Timestamps;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import java.time.Instant;

/**
 * Records core/v1 Events about objects the way client-go's recorder does: one Event per (object, type, reason,
 * message, source), named {@code <object>.<hex time>}; repeating it bumps {@code count} and {@code lastTimestamp}
 * instead of creating a new one, so {@code kubectl describe} shows {@code (x5 over 2m)}. Call it on the control loop.
 */
public final class EventRecorder {
  private final ResourceOperations operations;
  private final ResourceType events;
  private final String component;
  private final String host;
  private final RequestContext request;
  /** Event names carry a nanosecond time; several events in one instant of the emulator clock still differ. */
  private long lastNanos;
  /**
   * A sub-millisecond offset per source, so recorders writing about the same object in the same instant of the
   * emulator clock (the kubelet and the node controller about a node) name their events apart, as the distinct
   * clocks of real components do.
   */
  private final long nanosOffset;
  /** Recent events by their aggregation key, so repeats find their Event without a scan (LRU, control loop only). */
  private final java.util.Map<String, String> recent = new java.util.LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
      return size() > 4096;
    }
  };

  /**
   * @param component the source component, e.g. {@code default-scheduler}, {@code deployment-controller},
   *                  {@code kubelet}
   * @param host      the source host (kubelets put their node name here), or null
   */
  public EventRecorder(ResourceOperations operations, String component, String host) {
    this.operations = operations;
    this.events = operations.registry().find("", "v1", "events").orElseThrow();
    this.component = component;
    this.host = host;
    this.request = RequestContext.internal(component);
    this.nanosOffset = Math.floorMod((component + "/" + host).hashCode(), 1_000_000);
  }

  public void normal(JsonNode about, String reason, String message) {
    record(about, "Normal", reason, message, null);
  }

  public void warning(JsonNode about, String reason, String message) {
    record(about, "Warning", reason, message, null);
  }

  /** Records an event about {@code about}; {@code fieldPath} names a container, e.g. {@code spec.containers{web}}. */
  public void record(JsonNode about, String type, String reason, String message, String fieldPath) {
    Instant now = operations.clock().now();
    String namespace = Meta.namespace(about).isEmpty() ? "default" : Meta.namespace(about);
    String aggregationKey = String.join("\u0000", Meta.uid(about), type, reason, message,
        fieldPath == null ? "" : fieldPath);
    String existing = recent.get(aggregationKey);
    try {
      StoredObject stored = existing == null ? null
          : operations.store().get(events.storageResource(), namespace, existing);
      if (stored != null) {
        ObjectNode next = (ObjectNode) operations.storageTree(stored).deepCopy();
        next.put("count", next.path("count").asLong(1) + 1);
        next.put("lastTimestamp", Timestamps.format(now));
        operations.updateStored(events, stored, next, request, Target.MAIN);
        return;
      }
      ObjectNode event = build(about, namespace, type, reason, message, fieldPath, now);
      for (int attempt = 0; ; attempt++) {
        try {
          recent.put(aggregationKey, operations.create(events, "v1", namespace, event, request).name());
          return;
        } catch (ApiException e) {
          if (e.code() != 409 || attempt >= 8) {
            throw e;
          }
          // another recorder used the same nanosecond: take the next one, as distinct clocks would
          lastNanos++;
          ((ObjectNode) event.get("metadata")).put("name", Meta.name(about) + "." + Long.toHexString(lastNanos));
        }
      }
    } catch (ApiException e) {
      // events are best effort, as in client-go: a lost event must never fail a reconcile
    }
  }

  private ObjectNode build(JsonNode about, String namespace, String type, String reason, String message,
      String fieldPath, Instant now) {
    ObjectNode event = Json.object();
    event.put("kind", "Event");
    event.put("apiVersion", "v1");
    ObjectNode meta = event.putObject("metadata");
    long nanos = Math.max(now.getEpochSecond() * 1_000_000_000L + now.getNano() + nanosOffset, lastNanos + 1);
    lastNanos = nanos;
    meta.put("name", Meta.name(about) + "." + Long.toHexString(nanos));
    meta.put("namespace", namespace);
    ObjectNode involved = event.putObject("involvedObject");
    involved.put("kind", about.path("kind").asText());
    if (!Meta.namespace(about).isEmpty()) {
      involved.put("namespace", Meta.namespace(about));
    }
    involved.put("name", Meta.name(about));
    involved.put("uid", Meta.uid(about));
    // a kubelet's reference to its node has neither (Go leaves empty strings out)
    if (!about.path("apiVersion").asText("").isEmpty()) {
      involved.put("apiVersion", about.path("apiVersion").asText());
    }
    if (!Meta.resourceVersion(about).isEmpty()) {
      involved.put("resourceVersion", Meta.resourceVersion(about));
    }
    if (fieldPath != null) {
      involved.put("fieldPath", fieldPath);
    }
    event.put("reason", reason);
    event.put("message", message);
    ObjectNode source = event.putObject("source");
    source.put("component", component);
    if (host != null) {
      source.put("host", host);
    }
    event.put("firstTimestamp", Timestamps.format(now));
    event.put("lastTimestamp", Timestamps.format(now));
    event.put("count", 1);
    event.put("type", type);
    event.putNull("eventTime");
    event.put("reportingComponent", component);
    event.put("reportingInstance", host == null ? "" : host);
    return event;
  }
}
