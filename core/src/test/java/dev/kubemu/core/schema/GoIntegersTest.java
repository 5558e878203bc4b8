package dev.kubemu.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.registry.GroupVersionKind;
import org.junit.jupiter.api.Test;

/** Numbers of an applied configuration become the Go integers the unstructured converter makes of them. */
class GoIntegersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema DEPLOYMENT =
      SchemaCatalog.builtin().kind(new GroupVersionKind("apps", "v1", "Deployment")).orElseThrow();

  private static ObjectNode deployment(String spec) throws Exception {
    return (ObjectNode) JSON.readTree("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":" + spec + "}");
  }

  @Test
  void wholeFloatsBecomeIntegers() throws Exception {
    ObjectNode d = deployment("{\"replicas\":3.0,\"progressDeadlineSeconds\":600}");
    GoIntegers.convert(DEPLOYMENT, d);
    assertThat(d.path("spec").path("replicas").isInt()).isTrue();
    assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(d.toString()).contains("\"replicas\":3,");
  }

  @Test
  void numbersOutOfRangeKeepTheLowBitsAsGoConversionsDo() throws Exception {
    ObjectNode d = deployment("{\"replicas\":99999999999}");
    GoIntegers.convert(DEPLOYMENT, d);
    assertThat(d.path("spec").path("replicas").asLong()).isEqualTo(1215752191L);
    ObjectNode huge = deployment("{\"replicas\":1e20}");
    GoIntegers.convert(DEPLOYMENT, huge);
    assertThat(huge.path("spec").path("replicas").asLong()).isZero();
    ObjectNode negative = deployment("{\"replicas\":4294967295}");
    GoIntegers.convert(DEPLOYMENT, negative);
    assertThat(negative.path("spec").path("replicas").asLong()).isEqualTo(-1);
  }

  @Test
  void integersInsideListsAndOtherTypesAreLeftAlone() throws Exception {
    ObjectNode d = deployment("{\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\",\"ports\":"
        + "[{\"containerPort\":80.0}],\"resources\":{\"limits\":{\"cpu\":1.5}}}]}}}");
    GoIntegers.convert(DEPLOYMENT, d);
    var container = d.path("spec").path("template").path("spec").path("containers").get(0);
    assertThat(container.path("ports").get(0).path("containerPort").isInt()).isTrue();
    assertThat(container.path("resources").path("limits").path("cpu").asDouble()).isEqualTo(1.5);
  }
}
