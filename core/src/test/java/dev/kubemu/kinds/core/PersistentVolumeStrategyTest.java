package dev.kubemu.kinds.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.VersionedStore;
import dev.kubemu.core.time.VirtualClock;
import dev.kubemu.kinds.BuiltinTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PersistentVolumeStrategyTest {
  private final VirtualClock clock = new VirtualClock(Instant.parse("2031-06-30T23:59:59Z"));
  private final ResourceOperations operations = new ResourceOperations(BuiltinTypes.registry(), new VersionedStore(),
      clock, List.of(), new Random(1));
  private final ResourceType volumes = operations.registry().find("", "v1", "persistentvolumes").orElseThrow();
  private final RequestContext user = RequestContext.forUser();

  private JsonNode status() {
    return operations.getTree(volumes, "", "pv1").path("status");
  }

  private void setStatus(String statusJson) {
    ObjectNode pv = (ObjectNode) operations.getTree(volumes, "", "pv1").deepCopy();
    pv.set("status", Json.parseTrusted(statusJson.getBytes()));
    operations.update(volumes, "v1", "", "pv1", pv, user, Target.STATUS);
  }

  @Test
  void thePhaseTransitionTimeFollowsPhaseChanges() {
    JsonNode created = operations.create(volumes, "v1", "", (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"v1\","
        + "\"kind\":\"PersistentVolume\",\"metadata\":{\"name\":\"pv1\"},\"spec\":{\"capacity\":{\"storage\":\"1Gi\"},"
        + "\"accessModes\":[\"ReadWriteOnce\"],\"hostPath\":{\"path\":\"/data\"}},\"status\":{\"phase\":\"Bound\"}}")
        .getBytes()), user).object();
    assertThat(created.path("status").toString())
        .isEqualTo("{\"phase\":\"Pending\",\"lastPhaseTransitionTime\":\"2031-06-30T23:59:59Z\"}");
    assertThat(created.path("spec").path("persistentVolumeReclaimPolicy").asText()).isEqualTo("Retain");

    clock.advance(Duration.ofSeconds(2));
    setStatus("{\"phase\":\"Available\"}");
    assertThat(status().path("lastPhaseTransitionTime").asText()).isEqualTo("2031-07-01T00:00:01Z");

    clock.advance(Duration.ofSeconds(2));
    setStatus("{\"phase\":\"Available\",\"message\":\"same phase\"}");
    assertThat(status().path("lastPhaseTransitionTime").asText()).as("kept while the phase stays")
        .isEqualTo("2031-07-01T00:00:01Z");

    setStatus("{\"phase\":\"Bound\",\"lastPhaseTransitionTime\":\"2031-07-01T00:00:01Z\"}");
    assertThat(status().path("lastPhaseTransitionTime").asText()).as("the old time given again is not news")
        .isEqualTo("2031-07-01T00:00:03Z");

    setStatus("{\"phase\":\"Released\",\"lastPhaseTransitionTime\":\"2031-07-01T00:00:02Z\"}");
    assertThat(status().path("lastPhaseTransitionTime").asText()).as("a client's own time is kept")
        .isEqualTo("2031-07-01T00:00:02Z");
  }
}
