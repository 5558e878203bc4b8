package dev.kubemu.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.ServiceAccountAdmission;
import dev.kubemu.core.api.WriteResult;
import dev.kubemu.core.registry.ResourceRegistry;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.VersionedStore;
import dev.kubemu.core.time.VirtualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Objects as kube-apiserver 1.33 returns them after create, for the manifests of the workshop seeds and what
 * {@code kubectl create}/{@code run} send: each {@code defaulting/<case>.input.yaml} is created through the write
 * pipeline and read back in the version it was written in (HPAs in autoscaling/v2, as {@code kubectl get} reads
 * them), then compared with {@code <case>.expected.yaml}. Server-chosen values are masked as a comparison with a real
 * cluster would mask them: uid, resourceVersion, creationTimestamp, managedFields, status, allocated cluster IPs and
 * node ports, and the random suffix of the service account token volume.
 *
 * <p>Run with {@code -Dkubemu.updateGolden=true} to rewrite the expected files from what kubemu returns (then review
 * every difference against a real cluster before committing).
 */
class DefaultingGoldenTest {
  private static final String DIR = "defaulting";
  private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .build())
      .build();

  @TestFactory
  Stream<DynamicTest> createdObjectsMatchWhatKubeApiserverReturns() throws IOException {
    Path dir = Path.of("src", "test", "resources", DIR);
    List<Path> inputs;
    try (Stream<Path> files = Files.list(dir)) {
      inputs = files.filter(p -> p.getFileName().toString().endsWith(".input.yaml")).sorted().toList();
    }
    assertThat(inputs).as("golden inputs in %s", dir.toAbsolutePath()).isNotEmpty();
    return inputs.stream().map(input -> DynamicTest.dynamicTest(caseName(input), () -> check(input)));
  }

  private static String caseName(Path input) {
    String file = input.getFileName().toString();
    return file.substring(0, file.length() - ".input.yaml".length());
  }

  private static void check(Path input) throws IOException {
    ResourceRegistry registry = BuiltinTypes.registry();
    ResourceOperations operations = new ResourceOperations(registry, new VersionedStore(),
        new VirtualClock(Instant.parse("2030-01-01T00:00:00Z")), List.of(new ServiceAccountAdmission()), new Random(7));
    String readAs = null;
    JsonNode created = null;
    List<JsonNode> docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(input)).readAll();
    for (JsonNode doc : docs) {
      if (doc == null || doc.isNull() || doc.isEmpty()) {
        continue;
      }
      ObjectNode body = (ObjectNode) doc;
      if (body.has("readAs")) {
        readAs = body.get("readAs").asText();
        continue;
      }
      String[] gv = body.path("apiVersion").asText().split("/");
      String group = gv.length == 2 ? gv[0] : "";
      String version = gv[gv.length - 1];
      ResourceType type = registry.findByKind(group, body.path("kind").asText()).orElseThrow();
      String namespace = type.namespaced() ? body.path("metadata").path("namespace").asText("default") : null;
      WriteResult result = operations.create(type, version, namespace, body, RequestContext.forUser());
      created = result.object();
      if (readAs != null) {
        created = operations.render(type, readAs, operations.get(type, namespace, body.path("metadata").path("name")
            .asText()));
      }
    }
    String actual = YAML.writeValueAsString(sorted(mask(created)));
    Path expectedFile = input.resolveSibling(caseName(input) + ".expected.yaml");
    if (Boolean.getBoolean("kubemu.updateGolden")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(expectedFile).as("expected file (create it with -Dkubemu.updateGolden=true)").exists();
    String expected = YAML.writeValueAsString(sorted(YAML.readTree(Files.readString(expectedFile))));
    assertThat(actual).as(caseName(input)).isEqualTo(expected);
  }

  /** Keys in order, as kubectl prints YAML. */
  private static JsonNode sorted(JsonNode node) {
    if (node instanceof ObjectNode o) {
      ObjectNode out = o.objectNode();
      var keys = new TreeMap<String, JsonNode>();
      o.fields().forEachRemaining(e -> keys.put(e.getKey(), sorted(e.getValue())));
      keys.forEach(out::set);
      return out;
    }
    if (node != null && node.isArray()) {
      var out = YAML.createArrayNode();
      node.forEach(item -> out.add(sorted(item)));
      return out;
    }
    return node;
  }

  /** The object with what a server chooses itself replaced by stable placeholders. */
  private static JsonNode mask(JsonNode created) {
    ObjectNode copy = (ObjectNode) created.deepCopy();
    ObjectNode meta = (ObjectNode) copy.get("metadata");
    for (String f : List.of("uid", "resourceVersion", "creationTimestamp", "managedFields")) {
      if (meta.has(f)) {
        meta.put(f, "<" + f + ">");
      }
    }
    copy.remove("status");
    maskValues(copy);
    return copy;
  }

  private static void maskValues(JsonNode node) {
    if (node instanceof ObjectNode o) {
      var masked = new TreeMap<String, JsonNode>();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode v = e.getValue();
        switch (e.getKey()) {
          case "clusterIP" -> {
            if (!v.asText().equals("None")) {
              masked.put(e.getKey(), o.textNode("<allocated>"));
            }
          }
          case "clusterIPs" -> {
            if (!v.path(0).asText().equals("None")) {
              masked.put(e.getKey(), o.arrayNode().add("<allocated>"));
            }
          }
          case "nodePort" -> masked.put(e.getKey(), o.textNode("<allocated>"));
          case "controller-uid", "batch.kubernetes.io/controller-uid" -> masked.put(e.getKey(), o.textNode("<uid>"));
          case "name", "mountPath" -> {
            if (v.isTextual() && v.asText().startsWith("kube-api-access-")) {
              masked.put(e.getKey(), o.textNode("kube-api-access-<random>"));
            }
          }
          default -> maskValues(v);
        }
      }
      masked.forEach(o::set);
    } else if (node != null && node.isArray()) {
      node.forEach(DefaultingGoldenTest::maskValues);
    }
  }

}
