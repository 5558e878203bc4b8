package dev.kubemu.kinds.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.registry.VersionConverter;
import java.util.Comparator;
import java.util.List;

/**
 * Serves events.k8s.io/v1 Events from core/v1 Event storage, as kube-apiserver does (both APIs read and write the same
 * stored events; {@code pkg/apis/events/v1/conversion.go}). The two types carry the same fields under other names, so
 * the conversion is a renaming and loses nothing either way:
 *
 * <pre>
 * events.k8s.io/v1           core/v1
 * note                       message
 * regarding                  involvedObject
 * reportingController        reportingComponent
 * deprecatedSource           source
 * deprecatedFirstTimestamp   firstTimestamp
 * deprecatedLastTimestamp    lastTimestamp
 * deprecatedCount            count
 * metadata, eventTime, series (count, lastObservedTime), reportingInstance, action, reason, related, type: same name
 * </pre>
 *
 * <p>Fields keep their values (references, sources and series are the same Go types on both sides) and are written in
 * the target type's field order. A field the target type does not have (a core-only name in an events.k8s.io body,
 * say) is dropped, as Go's decoding would drop it. Absent fields stay absent: Go's encoding of zero values (such as
 * core/v1's always-present {@code reportingComponent: ""} or events.k8s.io/v1's {@code eventTime: null}) is not
 * emulated, so what a client wrote is what the other API shows.
 */
public final class EventsV1Converter implements VersionConverter {
  /** A field's core/v1 name and events.k8s.io/v1 name, with its position in each Go struct. */
  private record Field(String core, int coreOrder, String events, int eventsOrder) {}

  private static final List<Field> FIELDS = List.of(
      new Field("kind", 0, "kind", 0),
      new Field("apiVersion", 1, "apiVersion", 1),
      new Field("metadata", 2, "metadata", 2),
      new Field("involvedObject", 3, "regarding", 9),
      new Field("reason", 4, "reason", 8),
      new Field("message", 5, "note", 11),
      new Field("source", 6, "deprecatedSource", 13),
      new Field("firstTimestamp", 7, "deprecatedFirstTimestamp", 14),
      new Field("lastTimestamp", 8, "deprecatedLastTimestamp", 15),
      new Field("count", 9, "deprecatedCount", 16),
      new Field("type", 10, "type", 12),
      new Field("eventTime", 11, "eventTime", 3),
      new Field("series", 12, "series", 4),
      new Field("action", 13, "action", 7),
      new Field("related", 14, "related", 10),
      new Field("reportingComponent", 15, "reportingController", 5),
      new Field("reportingInstance", 16, "reportingInstance", 6));

  private static final List<Field> CORE_ORDER =
      FIELDS.stream().sorted(Comparator.comparingInt(Field::coreOrder)).toList();
  private static final List<Field> EVENTS_ORDER =
      FIELDS.stream().sorted(Comparator.comparingInt(Field::eventsOrder)).toList();

  /** events.k8s.io/v1 to core/v1. */
  @Override
  public ObjectNode toStorage(ObjectNode served) {
    ObjectNode core = JsonNodeFactory.instance.objectNode();
    for (Field field : CORE_ORDER) {
      JsonNode value = served.get(field.events());
      if (value != null) {
        core.set(field.core(), value);
      }
    }
    return core;
  }

  /** core/v1 to events.k8s.io/v1. */
  @Override
  public ObjectNode fromStorage(ObjectNode stored) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    for (Field field : EVENTS_ORDER) {
      JsonNode value = stored.get(field.core());
      if (value != null) {
        event.set(field.events(), value);
      }
    }
    return event;
  }
}
