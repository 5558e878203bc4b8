package dev.kubemu.kinds.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.VersionedStore;
import dev.kubemu.core.time.VirtualClock;
import dev.kubemu.kinds.BuiltinTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControllerRevisionValidationTest {
  private ResourceOperations operations;
  private ResourceType revisions;

  private static ObjectNode json(String text) {
    return (ObjectNode) Json.parseTrusted(text.getBytes(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void setUp() {
    var registry = BuiltinTypes.registry();
    operations = new ResourceOperations(registry, new VersionedStore(),
        new VirtualClock(Instant.parse("2030-01-01T00:00:00Z")), List.of(), new Random(1));
    revisions = registry.find("apps", "v1", "controllerrevisions").orElseThrow();
  }

  private ObjectNode revision(String body) {
    return json("{\"apiVersion\":\"apps/v1\",\"kind\":\"ControllerRevision\",\"metadata\":{\"name\":\"web-1\"}"
        + body + "}");
  }

  @Test
  void dataIsRequiredAndTheRevisionNonNegative() {
    assertThatThrownBy(() -> operations.create(revisions, "v1", "default", revision(",\"revision\":-1"),
        RequestContext.forUser()))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.getMessage()).isEqualTo("ControllerRevision.apps \"web-1\" is invalid: [data: Required value: "
              + "data is mandatory, revision: Invalid value: -1: must be greater than or equal to 0]");
        });
  }

  @Test
  void theRevisionNumberMayChangeButTheDataMayNot() {
    operations.create(revisions, "v1", "default", revision(",\"data\":{\"a\":1},\"revision\":1"),
        RequestContext.forUser());
    operations.update(revisions, "v1", "default", "web-1", revision(",\"data\":{\"a\":1},\"revision\":3"),
        RequestContext.forUser(), Target.MAIN);
    assertThatThrownBy(() -> operations.update(revisions, "v1", "default", "web-1",
        revision(",\"data\":{\"a\":2},\"revision\":3"), RequestContext.forUser(), Target.MAIN))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).endsWith("field is immutable"));
  }
}
