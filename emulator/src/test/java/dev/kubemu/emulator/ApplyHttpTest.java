package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Server-side apply over HTTP where kubectl cannot go: apply patches to /status and /scale, YAML bodies with keys set
 * twice (kubectl drops the duplicates before it sends), and the 500 a configuration that does not convert gets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplyHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APPLY = "application/apply-patch+yaml";
  private static final String STS = "/apis/apps/v1/namespaces/default/statefulsets/";
  private static final String STATEFUL_SET = """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: NAME
      spec:
        replicas: 1
        serviceName: db
        selector:
          matchLabels: {app: db}
        template:
          metadata:
            labels: {app: db}
          spec:
            containers:
            - {name: db, image: postgres}
      """;

  private Emulator emulator;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  void start() {
    emulator = Emulator.builder().start();
  }

  @AfterAll
  void stop() {
    emulator.close();
  }

  private HttpResponse<String> patch(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(emulator.url() + path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", APPLY).method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static String statefulSet(String name) {
    return STATEFUL_SET.replace("NAME", name);
  }

  @Test
  void statusAndScaleTakeApplyPatches() throws Exception {
    assertThat(patch(STS + "st?fieldManager=kubectl", statefulSet("st")).statusCode()).isEqualTo(201);
    // the StatefulSet controller may already have written this status, so take it over as one would on a cluster
    var status = patch(STS + "st/status?fieldManager=kubectl&force=true",
        statefulSet("st") + "status: {replicas: 2, availableReplicas: 0}\n");
    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    assertThat(json(status).path("status").path("replicas").asInt()).isEqualTo(2);
    assertThat(status.body()).contains("\"subresource\":\"status\"");
    var scale = patch(STS + "st/scale?fieldManager=hpa&force=true", "{\"apiVersion\":\"autoscaling/v1\","
        + "\"kind\":\"Scale\",\"metadata\":{\"name\":\"st\"},\"spec\":{\"replicas\":3}}");
    assertThat(scale.statusCode()).as(scale.body()).isEqualTo(200);
    assertThat(json(scale).path("kind").asText()).isEqualTo("Scale");
    assertThat(json(scale).path("spec").path("replicas").asInt()).isEqualTo(3);
  }

  @Test
  void yamlKeysSetTwiceAreRejectedUnderStrictAndWarnedAboutUnderWarn() throws Exception {
    String twice = statefulSet("twice").replace("  replicas: 1\n", "  replicas: 1\n  replicas: 2\n");
    var strict = patch(STS + "twice?fieldManager=kubectl&fieldValidation=Strict", twice);
    assertThat(strict.statusCode()).isEqualTo(400);
    assertThat(json(strict).path("reason").asText()).isEqualTo("BadRequest");
    assertThat(json(strict).path("message").asText()).isEqualTo("error strict decoding YAML: error converting YAML "
        + "to JSON: yaml: unmarshal errors:\n  line 7: key \"replicas\" already set in map");
    var warn = patch(STS + "twice?fieldManager=kubectl&fieldValidation=Warn", twice);
    assertThat(warn.statusCode()).isEqualTo(201);
    assertThat(warn.headers().allValues("Warning"))
        .containsExactly("299 - \"line 7: key \\\"replicas\\\" already set in map\"");
    // the lenient decoding the apply itself uses keeps the last value
    assertThat(json(warn).path("spec").path("replicas").asInt()).isEqualTo(2);
  }

  @Test
  void jsonKeysSetTwiceGetTheSameYamlMessage() throws Exception {
    var strict = patch(STS + "json?fieldManager=kubectl&fieldValidation=Strict", "{\"apiVersion\":\"apps/v1\","
        + "\"kind\":\"StatefulSet\",\"metadata\":{\"name\":\"json\",\"name\":\"json\"}}");
    assertThat(strict.statusCode()).isEqualTo(400);
    assertThat(json(strict).path("message").asText()).endsWith("\n  line 1: key \"name\" already set in map");
  }

  @Test
  void aConfigurationThatDoesNotConvertIsAFiveHundredWithoutReason() throws Exception {
    var r = patch(STS + "typed?fieldManager=kubectl", statefulSet("typed").replace("replicas: 1", "replicas: abc"));
    assertThat(r.statusCode()).isEqualTo(500);
    JsonNode status = json(r);
    assertThat(status.has("reason")).isFalse();
    assertThat(status.path("message").asText()).isEqualTo("failed to create typed patch object (/typed; apps/v1, "
        + "Kind=StatefulSet): .spec.replicas: expected numeric (int or float), got string");
  }

  @Test
  void aConfigurationOfAnotherKindIsABadRequest() throws Exception {
    var r = patch(STS + "other?fieldManager=kubectl", "{\"apiVersion\":\"v1\",\"kind\":\"Service\","
        + "\"metadata\":{\"name\":\"other\"}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("message").asText()).isEqualTo("invalid object type: /v1, Kind=Service");
  }
}
