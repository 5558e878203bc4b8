package dev.kubemu.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** An update or patch whose object names another namespace, another name or none gets kube-apiserver's 400. */
class UrlIdentityTest {
  private ResourceOperations operations;
  private ResourceType configMaps;

  private static ObjectNode json(String text) {
    return (ObjectNode) Json.parseTrusted(text.getBytes(StandardCharsets.UTF_8));
  }

  private ApiException failure(Runnable write) {
    return catchThrowableOfType(write::run, ApiException.class);
  }

  @BeforeEach
  void createConfigMap() {
    var registry = BuiltinTypes.registry();
    operations = new ResourceOperations(registry, new VersionedStore(),
        new VirtualClock(Instant.parse("2030-01-01T00:00:00Z")), List.of(), new Random(1));
    configMaps = registry.find("", "v1", "configmaps").orElseThrow();
    operations.create(configMaps, "v1", "default",
        json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\"},\"data\":{\"a\":\"1\"}}"),
        RequestContext.forUser());
  }

  @Test
  void anUpdateMustKeepTheUrlsNamespaceAndName() {
    ApiException namespace = failure(() -> operations.update(configMaps, "v1", "default", "cfg",
        json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cfg\",\"namespace\":\"other\"}}"),
        RequestContext.forUser(), Target.MAIN));
    assertThat(namespace.code()).isEqualTo(400);
    assertThat(namespace.getMessage())
        .isEqualTo("the namespace of the provided object does not match the namespace sent on the request");
    ApiException noName = failure(() -> operations.update(configMaps, "v1", "default", "cfg",
        json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{}}"), RequestContext.forUser(),
        Target.MAIN));
    assertThat(noName.getMessage())
        .isEqualTo("the name of the object (cfg based on URL) was undeterminable: name must be provided");
    ApiException otherName = failure(() -> operations.update(configMaps, "v1", "default", "cfg",
        json("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}"), RequestContext.forUser(),
        Target.MAIN));
    assertThat(otherName.getMessage()).isEqualTo("the name of the object (x) does not match the name on the URL (cfg)");
    assertThat(Json.parseTrusted(operations.encode(configMaps, "v1", operations.get(configMaps, "default", "cfg")))
        .path("data").path("a").asText()).isEqualTo("1");
  }

  @Test
  void aPatchMayNotMoveTheObjectToAnotherNamespace() {
    for (PatchType type : List.of(PatchType.MERGE, PatchType.STRATEGIC)) {
      ApiException e = failure(() -> operations.patch(configMaps, "v1", "default", "cfg", type,
          json("{\"metadata\":{\"namespace\":\"kube-system\"}}"), RequestContext.forUser(), Target.MAIN));
      assertThat(e.code()).as(type.name()).isEqualTo(400);
      assertThat(e.getMessage())
          .isEqualTo("the namespace of the provided object does not match the namespace sent on the request");
    }
    ApiException removed = failure(() -> operations.patch(configMaps, "v1", "default", "cfg", PatchType.JSON,
        Json.parseTrusted("[{\"op\":\"remove\",\"path\":\"/metadata/name\"}]".getBytes(StandardCharsets.UTF_8)),
        RequestContext.forUser(), Target.MAIN));
    assertThat(removed.getMessage())
        .isEqualTo("the name of the object (cfg based on URL) was undeterminable: name must be provided");
  }
}
