package dev.kubemu.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.ResourceOperations;
import dev.kubemu.core.api.ServiceAccountAdmission;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.patch.JsonPatch;
import dev.kubemu.core.patch.MergePatch;
import dev.kubemu.core.registry.ResourceRegistry;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.VersionedStore;
import dev.kubemu.core.time.VirtualClock;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * kube-apiserver's validation messages, case by case ({@code validation/cases.yaml}): a base object of
 * {@code validation/bases.yaml} with a JSON merge patch applied is created (or created as is and then updated with
 * the patch; an {@code update} that is a list is a JSON patch, and a {@code statusPatch} is written through /status
 * first), and the 422's causes must be exactly the listed {@code field: message} lines, in order, with uids shown
 * as {@code <uid>} (and token volume suffixes as {@code <random>}) — what kubectl prints after {@code The <Kind> "<name>" is invalid:}. A case with no errors must be
 * accepted.
 */
class ValidationMessagesTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Pattern TOKEN_VOLUME = Pattern.compile("kube-api-access-[a-z0-9]{5}");
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @TestFactory
  Stream<DynamicTest> invalidObjectsGetKubeApiserversMessages() throws IOException {
    JsonNode bases = read("validation/bases.yaml");
    JsonNode cases = read("validation/cases.yaml");
    var tests = new ArrayList<DynamicTest>();
    for (JsonNode c : cases) {
      tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> check(bases, c)));
    }
    return tests.stream();
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = ValidationMessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return YAML.readTree(in);
    }
  }

  private static void check(JsonNode bases, JsonNode c) {
    ResourceRegistry registry = BuiltinTypes.registry();
    ResourceOperations operations = new ResourceOperations(registry, new VersionedStore(),
        new VirtualClock(Instant.parse("2030-01-01T00:00:00Z")), List.of(new ServiceAccountAdmission()), new Random(3));
    for (JsonNode setup : c.path("setup")) {
      create(operations, registry, patched(bases.get(setup.path("base").asText()), setup.get("patch")));
    }
    JsonNode base = bases.get(c.path("base").asText());
    assertThat(base).as("base %s", c.path("base").asText()).isNotNull();
    List<String> expected = new ArrayList<>();
    c.path("errors").forEach(e -> expected.add(e.asText()));
    Runnable write;
    if (c.has("update")) {
      ObjectNode initial = patched(base, c.get("patch"));
      ObjectNode created = create(operations, registry, initial);
      ResourceType type = type(registry, created);
      if (c.has("statusPatch")) {
        created = operations.update(type, version(created), namespace(type, created),
            created.path("metadata").path("name").asText(), patched(created, c.get("statusPatch")),
            RequestContext.forUser(), Target.STATUS).object();
      }
      ObjectNode updated = c.get("update").isArray()
          ? (ObjectNode) JsonPatch.apply(created.deepCopy(), c.get("update")) : patched(created, c.get("update"));
      write = () -> operations.update(type, version(updated), namespace(type, updated),
          updated.path("metadata").path("name").asText(), updated, RequestContext.forUser(),
          c.path("status").asBoolean(false) ? Target.STATUS : Target.MAIN);
    } else {
      ObjectNode object = patched(base, c.get("patch"));
      write = () -> create(operations, registry, object);
    }
    if (expected.isEmpty()) {
      write.run();
      return;
    }
    ApiException e = catchThrowableOfType(write::run, ApiException.class);
    assertThat(e).as("the write is refused").isNotNull();
    assertThat(e.code()).as(e.getMessage()).isEqualTo(422);
    assertThat(e.details().causes())
        .extracting(cause -> TOKEN_VOLUME.matcher(UUID.matcher(cause.field() + ": " + cause.message())
            .replaceAll("<uid>")).replaceAll("kube-api-access-<random>"))
        .containsExactlyElementsOf(expected);
  }

  private static ObjectNode patched(JsonNode base, JsonNode patch) {
    return (ObjectNode) (patch == null ? base.deepCopy() : MergePatch.apply(base.deepCopy(), patch));
  }

  private static ObjectNode create(ResourceOperations operations, ResourceRegistry registry, ObjectNode object) {
    ResourceType type = type(registry, object);
    return operations.create(type, version(object), namespace(type, object), object.deepCopy(),
        RequestContext.forUser()).object();
  }

  private static ResourceType type(ResourceRegistry registry, JsonNode object) {
    String[] gv = object.path("apiVersion").asText().split("/");
    return registry.findByKind(gv.length == 2 ? gv[0] : "", object.path("kind").asText()).orElseThrow();
  }

  private static String version(JsonNode object) {
    String[] gv = object.path("apiVersion").asText().split("/");
    return gv[gv.length - 1];
  }

  private static String namespace(ResourceType type, JsonNode object) {
    return type.namespaced() ? object.path("metadata").path("namespace").asText("default") : null;
  }
}
