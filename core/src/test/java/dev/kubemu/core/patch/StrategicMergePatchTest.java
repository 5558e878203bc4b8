package dev.kubemu.core.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.schema.SchemaCatalog;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Strategic merge patches on a Deployment, compared with what apimachinery produces: each expected file was
 * recorded with {@code kubectl patch --local --type strategic}, which runs the real implementation.
 */
class StrategicMergePatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode load(String name) throws IOException {
    try (InputStream in = StrategicMergePatchTest.class.getResourceAsStream("/smp/" + name)) {
      return JSON.readTree(in);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"set-image", "apply-like", "delete-container", "recreate", "replace-list", "finalizers",
      "resources", "null-delete", "append-new", "patch-second", "order-swap", "order-new-first",
      "primitive-union", "volume-retain"})
  void matchesApimachinery(String name) throws IOException {
    JsonNode original = load("deployment.original.json");
    JsonNode patched = StrategicMergePatch.apply(original, load(name + ".patch.json"),
        PatchMeta.of(SchemaCatalog.builtin().kind(new GroupVersionKind("apps", "v1", "Deployment")).orElseThrow()));
    assertThat(patched).isEqualTo(load(name + ".expected.json"));
  }
}
