package dev.kubemu.core.managedfields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.schema.Schema;
import dev.kubemu.core.schema.SchemaCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * structured-merge-diff's typing of an applied configuration: its messages for each kind of mismatch, with the values
 * rendered as Go renders what encoding/json decoded, and where it stops looking.
 */
class TypedValidationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema DEPLOYMENT =
      SchemaCatalog.builtin().kind(new GroupVersionKind("apps", "v1", "Deployment")).orElseThrow();

  private static List<String> problems(String json) throws Exception {
    return TypedValidation.problems(SmdType.root(DEPLOYMENT), JSON.readTree(json));
  }

  private static String spec(String spec) {
    return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":" + spec
        + "}";
  }

  private static String container(String fields) {
    return spec("{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\"," + fields + "}]}}}");
  }

  @Test
  void aFittingConfigurationHasNoProblems() throws Exception {
    assertThat(problems(spec("{\"replicas\":3,\"paused\":null,\"selector\":{\"matchLabels\":{\"a\":\"b\"}}}")))
        .isEmpty();
    // quantities, int-or-strings and times are untyped scalars: numbers and strings alike
    assertThat(problems(container("\"resources\":{\"limits\":{\"cpu\":1,\"memory\":\"1Gi\"}},"
        + "\"ports\":[{\"containerPort\":80}]"))).isEmpty();
    assertThat(problems(spec("{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":1,\"maxUnavailable\":\"25%\"}}}")))
        .isEmpty();
  }

  @Test
  void scalarsOfTheWrongTypeReadAsStructuredMergeDiffWordsThem() throws Exception {
    assertThat(problems(spec("{\"replicas\":\"abc\"}")))
        .containsExactly(".spec.replicas: expected numeric (int or float), got string");
    assertThat(problems(spec("{\"replicas\":{\"a\":1}}")))
        .containsExactly(".spec.replicas: expected numeric (int or float), got map[string]interface {}");
    assertThat(problems(container("\"image\":5")))
        .containsExactly(".spec.template.spec.containers[name=\"app\"].image: expected string, got "
            + "&value.valueUnstructured{Value:5}");
    assertThat(problems(container("\"image\":[\"x\",1000000]")))
        .containsExactly(".spec.template.spec.containers[name=\"app\"].image: expected string, got "
            + "&value.valueUnstructured{Value:[]interface {}{\"x\", 1e+06}}");
    assertThat(problems(container("\"stdin\":\"yes\"")))
        .containsExactly(".spec.template.spec.containers[name=\"app\"].stdin: expected boolean, got &{yes}");
    assertThat(problems(container("\"resources\":{\"limits\":{\"cpu\":{\"a\":1}}}")))
        .containsExactly(".spec.template.spec.containers[name=\"app\"].resources.limits.cpu: expected any scalar, "
            + "got &{map[a:1]}");
  }

  @Test
  void mapsAndListsOfTheWrongShape() throws Exception {
    assertThat(problems("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":5}"))
        .containsExactly(".metadata: expected map, got &{5}");
    assertThat(problems(spec("{\"template\":{\"spec\":{\"containers\":\"x\"}}}")))
        .containsExactly(".spec.template.spec.containers: expected list, got &{x}");
    assertThat(problems(spec("{\"template\":{\"spec\":{\"containers\":[\"x\"]}}}")))
        .containsExactly(".spec.template.spec.containers: element 0: associative list with keys may not have "
            + "non-map elements");
  }

  @Test
  void anUndeclaredFieldEndsTheWalkOfItsObject() throws Exception {
    // the members after it are not looked at; the object's siblings still are
    assertThat(problems(spec("{\"replicass\":1,\"replicas\":\"x\"}")))
        .containsExactly(".spec.replicass: field not declared in schema");
    assertThat(problems("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"labels\":{\"a\":1}},"
        + "\"spec\":{\"bogus\":true}}")).containsExactly(
            ".metadata.labels.a: expected string, got &value.valueUnstructured{Value:1}",
            ".spec.bogus: field not declared in schema");
  }

  @Test
  void theErrorIsAFiveHundredNamingTheObjectAsItNamesItself() throws Exception {
    ObjectNode config = (ObjectNode) JSON.readTree("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
        + "\"metadata\":{\"name\":\"web\",\"namespace\":\"ns\"},\"spec\":{\"replicas\":\"abc\",\"paused\":1}}");
    assertThatThrownBy(() -> TypedValidation.check(DEPLOYMENT, config)).isInstanceOfSatisfying(ApiException.class,
        e -> {
          assertThat(e.code()).isEqualTo(500);
          assertThat(e.reason()).isEmpty();
          assertThat(e.getMessage()).isEqualTo("failed to create typed patch object (ns/web; apps/v1, "
              + "Kind=Deployment): errors:\n"
              + "  .spec.replicas: expected numeric (int or float), got string\n"
              + "  .spec.paused: expected boolean, got &{1}");
        });
    ObjectNode core = (ObjectNode) JSON.readTree("{\"apiVersion\":\"v1\",\"kind\":\"Deployment\","
        + "\"metadata\":{\"name\":7},\"spec\":{\"replicas\":true}}");
    assertThatThrownBy(() -> TypedValidation.check(DEPLOYMENT, core)).hasMessageStartingWith(
        "failed to create typed patch object (/; /v1, Kind=Deployment): errors:\n  .metadata.name: expected string");
  }
}
