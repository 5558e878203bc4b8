package dev.kubemu.kinds.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventsV1ConverterTest {
  private final EventsV1Converter converter = new EventsV1Converter();

  /** kube-scheduler reports through the events.k8s.io/v1 API. */
  private static final String SCHEDULER_EVENT = """
      {"kind":"Event","apiVersion":"events.k8s.io/v1",
       "metadata":{"name":"web-7d4b9c6f5-x2k8p.17c8a1f2b3d4e5f6","namespace":"default",
        "uid":"6f1f3c2e-2b1a-4c3d-9e8f-0a1b2c3d4e5f","resourceVersion":"2841",
        "creationTimestamp":"2024-05-01T10:00:00Z"},
       "eventTime":"2024-05-01T10:00:00.123456Z",
       "reportingController":"default-scheduler","reportingInstance":"default-scheduler-control-plane",
       "action":"Scheduling","reason":"FailedScheduling",
       "regarding":{"kind":"Pod","namespace":"default","name":"web-7d4b9c6f5-x2k8p",
        "uid":"0d9c8b7a-6f5e-4d3c-2b1a-098765432109","apiVersion":"v1","resourceVersion":"2840"},
       "note":"0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
       "type":"Warning"}""";

  /** The kubelet still reports through core/v1 with the legacy recorder. */
  private static final String KUBELET_EVENT = """
      {"kind":"Event","apiVersion":"v1",
       "metadata":{"name":"web-7d4b9c6f5-q9w8e.17c8a1f2c0000001","namespace":"default",
        "uid":"a1b2c3d4-e5f6-4a5b-8c7d-1e2f3a4b5c6d","resourceVersion":"2903",
        "creationTimestamp":"2024-05-01T10:00:05Z"},
       "involvedObject":{"kind":"Pod","namespace":"default","name":"web-7d4b9c6f5-q9w8e",
        "uid":"5e4d3c2b-1a09-4f8e-7d6c-5b4a39281706","apiVersion":"v1","resourceVersion":"2890",
        "fieldPath":"spec.containers{web}"},
       "reason":"Pulled","message":"Container image \\"nginx:1.25\\" already present on machine",
       "source":{"component":"kubelet","host":"node-1"},
       "firstTimestamp":"2024-05-01T10:00:05Z","lastTimestamp":"2024-05-01T10:00:05Z","count":1,
       "type":"Normal","eventTime":null,"reportingComponent":"kubelet","reportingInstance":"node-1"}""";

  @Test
  void schedulerEventIsStoredAsACoreEventAndReadBackUnchanged() {
    ObjectNode event = parse(SCHEDULER_EVENT);

    ObjectNode core = toStorage(event);

    assertThat(core.get("message")).isEqualTo(event.get("note"));
    assertThat(core.get("involvedObject")).isEqualTo(event.get("regarding"));
    assertThat(core.path("reportingComponent").asText()).isEqualTo("default-scheduler");
    assertThat(core.path("reportingInstance").asText()).isEqualTo("default-scheduler-control-plane");
    assertThat(core.path("eventTime").asText()).isEqualTo("2024-05-01T10:00:00.123456Z");
    assertThat(core.path("action").asText()).isEqualTo("Scheduling");
    assertThat(core.path("reason").asText()).isEqualTo("FailedScheduling");
    assertThat(core.path("type").asText()).isEqualTo("Warning");
    assertThat(core.fieldNames()).toIterable().containsExactly("kind", "apiVersion", "metadata", "involvedObject",
        "reason", "message", "type", "eventTime", "action", "reportingComponent", "reportingInstance");

    assertThat(Json.string(fromStorage(core))).isEqualTo(Json.string(event));
  }

  @Test
  void kubeletCoreEventIsServedAsAnEventsV1EventAndWrittenBackUnchanged() {
    ObjectNode core = parse(KUBELET_EVENT);

    ObjectNode event = fromStorage(core);

    assertThat(event).isEqualTo(parse("""
        {"kind":"Event","apiVersion":"events.k8s.io/v1",
         "metadata":{"name":"web-7d4b9c6f5-q9w8e.17c8a1f2c0000001","namespace":"default",
          "uid":"a1b2c3d4-e5f6-4a5b-8c7d-1e2f3a4b5c6d","resourceVersion":"2903",
          "creationTimestamp":"2024-05-01T10:00:05Z"},
         "eventTime":null,"reportingController":"kubelet","reportingInstance":"node-1",
         "reason":"Pulled",
         "regarding":{"kind":"Pod","namespace":"default","name":"web-7d4b9c6f5-q9w8e",
          "uid":"5e4d3c2b-1a09-4f8e-7d6c-5b4a39281706","apiVersion":"v1","resourceVersion":"2890",
          "fieldPath":"spec.containers{web}"},
         "note":"Container image \\"nginx:1.25\\" already present on machine","type":"Normal",
         "deprecatedSource":{"component":"kubelet","host":"node-1"},
         "deprecatedFirstTimestamp":"2024-05-01T10:00:05Z","deprecatedLastTimestamp":"2024-05-01T10:00:05Z",
         "deprecatedCount":1}"""));
    // events.k8s.io/v1 field order.
    assertThat(event.fieldNames()).toIterable().containsExactly("kind", "apiVersion", "metadata", "eventTime",
        "reportingController", "reportingInstance", "reason", "regarding", "note", "type", "deprecatedSource",
        "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount");

    assertThat(Json.string(toStorage(event))).isEqualTo(Json.string(core));
  }

  @Test
  void seriesAndRelatedCarryOverAsTheyAre() {
    ObjectNode event = parse("""
        {"kind":"Event","apiVersion":"events.k8s.io/v1","metadata":{"name":"e1","namespace":"default"},
         "eventTime":"2024-05-01T10:00:00.000001Z",
         "series":{"count":4,"lastObservedTime":"2024-05-01T10:05:00.250000Z"},
         "reportingController":"default-scheduler","reportingInstance":"default-scheduler-control-plane",
         "action":"Binding","reason":"Scheduled",
         "regarding":{"kind":"Pod","namespace":"default","name":"web-1","apiVersion":"v1"},
         "related":{"kind":"Node","name":"node-2","apiVersion":"v1"},
         "note":"Successfully assigned default/web-1 to node-2","type":"Normal"}""");

    ObjectNode core = toStorage(event);

    assertThat(core.get("series")).isEqualTo(event.get("series"));
    assertThat(core.get("related")).isEqualTo(event.get("related"));
    assertThat(core.has("count")).isFalse();
    assertThat(fromStorage(core)).isEqualTo(event);
  }

  @Test
  void fieldsOfTheOtherVersionAreDroppedLikeUnknownFields() {
    ObjectNode event = parse("""
        {"kind":"Event","apiVersion":"events.k8s.io/v1","metadata":{"name":"e2","namespace":"default"},
         "eventTime":"2024-05-01T10:00:00.000001Z","reason":"Started","note":"Started container web",
         "message":"not an events.k8s.io field","involvedObject":{"kind":"Pod","name":"other"}}""");

    ObjectNode core = toStorage(event);

    assertThat(core.path("message").asText()).isEqualTo("Started container web");
    assertThat(core.has("involvedObject")).isFalse();
  }

  // ---------------------------------------------------------------- helpers: what VersionViews does around a converter

  private ObjectNode toStorage(ObjectNode event) {
    ObjectNode core = converter.toStorage(event.deepCopy());
    core.put("apiVersion", "v1");
    return core;
  }

  private ObjectNode fromStorage(ObjectNode core) {
    ObjectNode event = converter.fromStorage(core.deepCopy());
    event.put("apiVersion", "events.k8s.io/v1");
    return event;
  }

  private static ObjectNode parse(String json) {
    JsonNode node = Json.parseTrusted(json.getBytes(StandardCharsets.UTF_8));
    return (ObjectNode) node;
  }
}
