package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.ListResult;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.object.FieldSelector;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.printing.TableConverter;
import dev.kubemu.core.printing.TableConverter.IncludeObject;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.time.VirtualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lists over HTTP, small (encoded on the event loop) and large (encoded on a worker and streamed), as Tables and as
 * plain lists: the bytes must be those of the tree-built Table ({@link TableConverter}) and of the stored objects,
 * whatever the path, the HTTP version and the compression; bodies over 128 KiB are gzipped when the client asks,
 * as kube-apiserver does.
 */
class ListEncodingHttpTest {
  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
  private static final String TABLE_V1BETA1 = "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
  private static final int PODS = 260;

  private static Emulator emulator;
  private static ResourceOperations ops;
  private static ResourceType pods;
  private static final HttpClient HTTP1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final HttpClient HTTP2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void fill() {
    emulator = Emulator.builder().clock(new VirtualClock(Instant.parse("2030-01-01T00:00:00Z"))).start();
    ops = emulator.operations();
    pods = emulator.registry().find("", "v1", "pods").orElseThrow();
    ResourceType namespaces = emulator.registry().find("", "v1", "namespaces").orElseThrow();
    for (int n = 0; n < 3; n++) {
      ObjectNode ns = Json.object();
      ns.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", "load-" + n);
      ops.create(namespaces, "v1", "", ns, RequestContext.forUser());
    }
    RequestContext kubelet = RequestContext.internal("kubelet");
    for (int i = 0; i < PODS; i++) {
      String ns = "load-" + (i % 3);
      // bound to a node without a kubelet, so nothing writes the pod while the test reads it
      ObjectNode pod = (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":"
          + "\"web-" + i + "\",\"namespace\":\"" + ns + "\",\"labels\":{\"app\":\"web\"},"
          // the padding keeps 100 rows of Table above the 128 KiB gzip threshold and 40 rows below it
          + "\"annotations\":{\"note\":\"héllo \\\"" + i + "\\\" \\u2028\",\"pad\":\"" + "x".repeat(600) + "\"}},"
          + "\"spec\":{\"nodeName\":\"ghost-" + (i % 7) + "\",\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]}}")
          .getBytes(StandardCharsets.UTF_8));
      ObjectNode created = ops.create(pods, "v1", ns, pod, kubelet).object();
      ObjectNode status = created.putObject("status");
      status.put("phase", "Running").put("podIP", "10.244.0." + (i % 250 + 2)).put("startTime",
          "2030-01-01T00:00:00Z");
      status.putArray("containerStatuses").addObject().put("name", "web").put("ready", true)
          .put("restartCount", i % 3).put("image", "nginx").put("imageID", "").put("started", true)
          .putObject("state").putObject("running").put("startedAt", "2030-01-01T00:00:00Z");
      ops.update(pods, "v1", ns, Meta.name(created), created, kubelet, Target.STATUS);
    }
    emulator.awaitIdle();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void tablesOfEverySizeAreTheTreeBuiltTable() throws Exception {
    for (HttpClient client : new HttpClient[] {HTTP1, HTTP2}) {
      for (IncludeObject include : IncludeObject.values()) {
        for (long limit : new long[] {0, 40, 100, 250}) {
          String query = "?includeObject=" + include.name().charAt(0) + include.name().substring(1).toLowerCase()
              + (limit > 0 ? "&limit=" + limit : "");
          ListResult expectedPage = list(null, limit, null);
          assertThat(get(client, "/api/v1/pods" + query, TABLE, false))
              .as("%s %s %s", client.version(), include, limit)
              .isEqualTo(expectedTable(expectedPage, "v1", include));
          if (expectedPage.continueToken() != null) {
            String next = "/api/v1/pods" + query + "&continue=" + expectedPage.continueToken();
            assertThat(get(client, next, TABLE, true)).isEqualTo(expectedTable(
                list(null, limit, expectedPage.continueToken()), "v1", include));
          }
        }
      }
      assertThat(get(client, "/api/v1/namespaces/load-1/pods", TABLE, true))
          .isEqualTo(expectedTable(list("load-1", 0, null), "v1", IncludeObject.METADATA));
    }
  }

  @Test
  void v1beta1TablesCarryV1beta1PartialObjectMetadata() throws Exception {
    byte[] body = get(HTTP1, "/api/v1/pods", TABLE_V1BETA1, true);
    assertThat(body).isEqualTo(expectedTable(list(null, 0, null), "v1beta1", IncludeObject.METADATA));
    JsonNode table = Json.parseTrusted(body);
    assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1beta1");
    assertThat(table.path("rows").get(0).path("object").path("apiVersion").asText())
        .isEqualTo("meta.k8s.io/v1beta1");
  }

  @Test
  void plainListsOfEverySizeAreTheStoredObjects() throws Exception {
    for (HttpClient client : new HttpClient[] {HTTP1, HTTP2}) {
      for (long limit : new long[] {0, 50, 200}) {
        ListResult page = list(null, limit, null);
        assertThat(get(client, "/api/v1/pods" + (limit > 0 ? "?limit=" + limit : ""), "application/json", true))
            .isEqualTo(expectedList(page));
      }
    }
  }

  @Test
  void largeBodiesAreGzippedWhenAskedSmallOnesNever() throws Exception {
    for (HttpClient client : new HttpClient[] {HTTP1, HTTP2}) {
      // streamed from a worker
      HttpResponse<byte[]> large = send(client, "/api/v1/pods", TABLE, true);
      assertThat(large.headers().firstValue("Content-Encoding")).contains("gzip");
      assertThat(large.headers().allValues("Vary")).contains("Accept-Encoding");
      assertThat(gunzip(large.body())).isEqualTo(expectedTable(list(null, 0, null), "v1", IncludeObject.METADATA));
      // 100 rows: over 128 KiB, encoded on the event loop
      HttpResponse<byte[]> mid = send(client, "/api/v1/pods?limit=100", TABLE, true);
      assertThat(mid.headers().firstValue("Content-Encoding")).contains("gzip");
      assertThat(gunzip(mid.body()).length).isGreaterThan(128 * 1024);
      assertThat(mid.body().length).isLessThan(128 * 1024);
      // 40 rows: under 128 KiB
      HttpResponse<byte[]> small = send(client, "/api/v1/pods?limit=40", TABLE, true);
      assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(small.headers().firstValue("Content-Length")).contains(Integer.toString(small.body().length));
      // not asked
      HttpResponse<byte[]> plain = send(client, "/api/v1/pods", TABLE, false);
      assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(plain.body()).isEqualTo(expectedTable(list(null, 0, null), "v1", IncludeObject.METADATA));
    }
  }

  @Test
  void largeListErrorsBeforeTheFirstByteAreStatuses() throws Exception {
    HttpResponse<byte[]> r = send(HTTP1, "/api/v1/pods?includeObject=Everything", TABLE, true);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Json.parseTrusted(r.body()).path("kind").asText()).isEqualTo("Status");
    // failing on the worker that takes the page
    for (HttpClient client : new HttpClient[] {HTTP1, HTTP2}) {
      HttpResponse<byte[]> bad = send(client, "/api/v1/pods?limit=10&continue=bm90LWEtdG9rZW4", TABLE, true);
      assertThat(bad.statusCode()).isBetween(400, 499);
      assertThat(Json.parseTrusted(bad.body()).path("kind").asText()).isEqualTo("Status");
    }
  }

  @Test
  void clientsThatGoAwayMidBodyLeaveNoWorkerBehind() throws Exception {
    // more abandoned streams than Vert.x has worker threads: a worker stuck on a gone client would starve the rest
    for (int i = 0; i < 30; i++) {
      HttpClient client = i % 2 == 0 ? HTTP1 : HTTP2;
      var request = HttpRequest.newBuilder(URI.create(emulator.url() + "/api/v1/pods?includeObject=Object"))
          .timeout(Duration.ofSeconds(20)).header("Accept", TABLE).build();
      try (var in = client.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
        assertThat(in.readNBytes(100)).hasSize(100);
      }
    }
    assertThat(get(HTTP1, "/api/v1/pods", TABLE, false))
        .isEqualTo(expectedTable(list(null, 0, null), "v1", IncludeObject.METADATA));
  }

  @Test
  void watchedTablesAreTheTreeBuiltTable() throws Exception {
    ResourceType configMaps = emulator.registry().find("", "v1", "configmaps").orElseThrow();
    String rv = Long.toString(ops.store().revision());
    var request = HttpRequest.newBuilder(URI.create(emulator.url()
        + "/api/v1/namespaces/load-2/configmaps?watch=true&timeoutSeconds=5&resourceVersion=" + rv))
        .timeout(Duration.ofSeconds(20)).header("Accept", TABLE_V1BETA1).build();
    var response = HTTP1.send(request, HttpResponse.BodyHandlers.ofLines());
    var lines = response.body().iterator();
    for (int i = 0; i < 2; i++) {
      ObjectNode cm = Json.object();
      cm.put("apiVersion", "v1").put("kind", "ConfigMap").putObject("metadata").put("name", "watched-" + i);
      cm.putObject("data").put("k", "v");
      ops.create(configMaps, "v1", "load-2", cm, RequestContext.forUser());
      StoredObject stored = ops.get(configMaps, "load-2", "watched-" + i);
      ObjectNode table = TableConverter.table(configMaps.printerColumns(), i == 0);
      table.put("apiVersion", "meta.k8s.io/v1beta1");
      ((ObjectNode) table.get("metadata")).put("resourceVersion", Long.toString(stored.resourceVersion()));
      TableConverter.addRow(table, configMaps.printerColumns(), ops.storageTree(stored), ops.storageTree(stored),
          IncludeObject.METADATA, ops.clock().now());
      ((ObjectNode) table.get("rows").get(0).get("object")).put("apiVersion", "meta.k8s.io/v1beta1");
      ObjectNode event = Json.object();
      event.put("type", "ADDED");
      event.set("object", table);
      assertThat(lines.next()).isEqualTo(Json.string(event));
    }
  }

  private static ListResult list(String namespace, long limit, String continueToken) {
    return ops.list(pods, namespace, new ListOptions(LabelSelector.everything(), FieldSelector.everything(), limit,
        continueToken, ""));
  }

  /** The Table as the tree-building converter makes it (kube-apiserver's shape). */
  private static byte[] expectedTable(ListResult result, String tableVersion, IncludeObject include) {
    ObjectNode table = TableConverter.table(pods.printerColumns(), true);
    table.put("apiVersion", "meta.k8s.io/" + tableVersion);
    ObjectNode meta = (ObjectNode) table.get("metadata");
    meta.put("resourceVersion", Long.toString(result.resourceVersion()));
    if (result.continueToken() != null) {
      meta.put("continue", result.continueToken());
    }
    if (result.remainingItemCount() != null) {
      meta.put("remainingItemCount", result.remainingItemCount());
    }
    for (StoredObject o : result.items()) {
      JsonNode printed = ops.storageTree(o);
      JsonNode returned = include == IncludeObject.OBJECT ? ops.render(pods, "v1", o) : printed;
      TableConverter.addRow(table, pods.printerColumns(), printed, returned, include, ops.clock().now());
      if (include == IncludeObject.METADATA) {
        JsonNode rows = table.get("rows");
        ((ObjectNode) rows.get(rows.size() - 1).get("object")).put("apiVersion", "meta.k8s.io/" + tableVersion);
      }
    }
    return Json.bytes(table);
  }

  private static byte[] expectedList(ListResult result) {
    ObjectNode list = Json.object();
    list.put("kind", "PodList").put("apiVersion", "v1");
    ObjectNode meta = list.putObject("metadata");
    meta.put("resourceVersion", Long.toString(result.resourceVersion()));
    if (result.continueToken() != null) {
      meta.put("continue", result.continueToken());
    }
    if (result.remainingItemCount() != null) {
      meta.put("remainingItemCount", result.remainingItemCount());
    }
    var items = list.putArray("items");
    result.items().forEach(o -> items.add(ops.render(pods, "v1", o)));
    return Json.bytes(list);
  }

  private static byte[] get(HttpClient client, String path, String accept, boolean gzip) throws Exception {
    HttpResponse<byte[]> r = send(client, path, accept, gzip);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    boolean gzipped = r.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent();
    return gzipped ? gunzip(r.body()) : r.body();
  }

  private static HttpResponse<byte[]> send(HttpClient client, String path, String accept, boolean gzip)
      throws Exception {
    var builder = HttpRequest.newBuilder(URI.create(emulator.url() + path)).timeout(Duration.ofSeconds(20))
        .header("Accept", accept);
    if (gzip) {
      builder.header("Accept-Encoding", "gzip");
    }
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gunzip(byte[] body) throws Exception {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      var out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }
}
