package dev.kubemu.kinds.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.registry.VersionConverter;
import java.util.Map;

/**
 * events.k8s.io/v1 Events as a view of core/v1 Events (kube-apiserver stores both in one place): the newer names
 * ({@code regarding}, {@code note}, {@code reportingController}, {@code deprecated*}) map onto the core fields.
 */
public final class EventsV1Converter implements VersionConverter {
  /** events.k8s.io/v1 field → core/v1 field; fields not listed keep their names. */
  private static final Map<String, String> RENAMES = Map.of(
      "regarding", "involvedObject",
      "note", "message",
      "reportingController", "reportingComponent",
      "deprecatedSource", "source",
      "deprecatedFirstTimestamp", "firstTimestamp",
      "deprecatedLastTimestamp", "lastTimestamp",
      "deprecatedCount", "count");

  @Override
  public ObjectNode toStorage(ObjectNode served) {
    RENAMES.forEach((newer, core) -> move(served, newer, core));
    return served;
  }

  @Override
  public ObjectNode fromStorage(ObjectNode stored) {
    RENAMES.forEach((newer, core) -> move(stored, core, newer));
    return stored;
  }

  private static void move(ObjectNode object, String from, String to) {
    JsonNode value = object.remove(from);
    if (value != null && !value.isNull()) {
      object.set(to, value);
    }
  }
}
