package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST contract over real HTTP: status codes, Status bodies, content negotiation and watch streams. */
class HttpApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "test-token";
  private Emulator emulator;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() {
    emulator = Emulator.builder().bearerToken(TOKEN).start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private HttpResponse<String> send(String method, String path, String contentType, String body, String accept)
      throws Exception {
    var builder = HttpRequest.newBuilder(URI.create(emulator.url() + path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + TOKEN)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    if (accept != null) {
      builder.header("Accept", accept);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void requestsWithoutTheTokenAreUnauthorizedButVersionIsPublic() throws Exception {
    var noToken = http.send(HttpRequest.newBuilder(URI.create(emulator.url() + "/api/v1/namespaces")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(json(noToken).path("reason").asText()).isEqualTo("Unauthorized");
    var version = http.send(HttpRequest.newBuilder(URI.create(emulator.url() + "/version")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(json(version).path("gitVersion").asText()).startsWith("v1.33.");
  }

  @Test
  void malformedJsonIsABadRequestStatusAndStoresNothing() throws Exception {
    var r = send("POST", "/api/v1/namespaces/default/configmaps", "application/json", "{bad", null);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode status = json(r);
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo("BadRequest");
    assertThat(status.path("code").asInt()).isEqualTo(400);
    var list = send("GET", "/api/v1/namespaces/default/configmaps", null, null, null);
    assertThat(json(list).path("items")).isEmpty();
  }

  @Test
  void notFoundAndAlreadyExistsCarryKubeApiserverDetails() throws Exception {
    var missing = send("GET", "/apis/apps/v1/namespaces/default/deployments/nope", null, null, null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).path("message").asText()).isEqualTo("deployments.apps \"nope\" not found");
    assertThat(json(missing).path("details").path("group").asText()).isEqualTo("apps");
    assertThat(json(missing).path("details").path("kind").asText()).isEqualTo("deployments");
    String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"b\"}}";
    assertThat(send("POST", "/api/v1/namespaces/default/configmaps", "application/json", cm, null).statusCode())
        .isEqualTo(201);
    var again = send("POST", "/api/v1/namespaces/default/configmaps", "application/json", cm, null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).path("message").asText()).isEqualTo("configmaps \"c\" already exists");
  }

  @Test
  void unknownPathsAnswerANotFoundStatus() throws Exception {
    var r = send("GET", "/apis/nothing.example/v1/things", null, null, null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).path("kind").asText()).isEqualTo("Status");
  }

  @Test
  void discoveryIsNegotiatedFromAccept() throws Exception {
    var v2 = send("GET", "/apis", null, null,
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
    assertThat(v2.headers().firstValue("Content-Type")).contains(
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    var v2beta1 = send("GET", "/api", null, null,
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
    assertThat(json(v2beta1).path("apiVersion").asText()).isEqualTo("apidiscovery.k8s.io/v2beta1");
    var legacy = send("GET", "/apis", null, null, "application/json");
    assertThat(json(legacy).path("kind").asText()).isEqualTo("APIGroupList");
    var resources = send("GET", "/apis/apps/v1", null, null, null);
    assertThat(resources.body()).contains("\"deployments/scale\"");
  }

  @Test
  void tablesCarryResourceVersionAndRowObjects() throws Exception {
    var r = send("GET", "/api/v1/nodes?limit=500", null, null,
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
    JsonNode table = json(r);
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("metadata").path("resourceVersion").asText()).isNotEmpty();
    assertThat(table.path("rows")).hasSize(3);
    assertThat(table.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(table.path("columnDefinitions").get(0).path("format").asText()).isEqualTo("name");
  }

  @Test
  void watchStreamsEventsFromAResourceVersion() throws Exception {
    var list = json(send("GET", "/api/v1/namespaces/default/configmaps", null, null, null));
    String rv = list.path("metadata").path("resourceVersion").asText();
    var request = HttpRequest.newBuilder(URI.create(emulator.url()
            + "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=5&resourceVersion=" + rv))
        .header("Authorization", "Bearer " + TOKEN).build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"w\"}}";
    send("POST", "/api/v1/namespaces/default/configmaps", "application/json", cm, null);
    try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      JsonNode event = JSON.readTree(reader.readLine());
      assertThat(event.path("type").asText()).isEqualTo("ADDED");
      assertThat(event.path("object").path("metadata").path("name").asText()).isEqualTo("w");
    }
  }

  @Test
  void aWatchFromAnExpiredVersionGetsAnErrorEvent() throws Exception {
    try (Emulator small = Emulator.builder().watchWindow(2).start()) {
      for (int i = 0; i < 5; i++) {
        String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c" + i + "\"}}";
        http.send(HttpRequest.newBuilder(URI.create(small.url() + "/api/v1/namespaces/default/configmaps"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(cm)).build(),
            HttpResponse.BodyHandlers.ofString());
      }
      var response = http.send(HttpRequest.newBuilder(URI.create(small.url()
          + "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode event = JSON.readTree(response.body().lines().findFirst().orElseThrow());
      assertThat(event.path("type").asText()).isEqualTo("ERROR");
      assertThat(event.path("object").path("code").asInt()).isEqualTo(410);
      assertThat(event.path("object").path("reason").asText()).isEqualTo("Expired");
      assertThat(event.path("object").path("message").asText()).startsWith("too old resource version: 1 (");
    }
  }

  @Test
  void noOpPatchKeepsTheResourceVersion() throws Exception {
    String cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"p\"},\"data\":{\"a\":\"b\"}}";
    JsonNode created = json(send("POST", "/api/v1/namespaces/default/configmaps", "application/json", cm, null));
    JsonNode patched = json(send("PATCH", "/api/v1/namespaces/default/configmaps/p",
        "application/merge-patch+json", "{\"data\":{\"a\":\"b\"}}", null));
    assertThat(patched.path("metadata").path("resourceVersion")).isEqualTo(
        created.path("metadata").path("resourceVersion"));
  }
}
