package dev.kubemu.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.registry.GroupVersionKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Decoding errors and strict-field paths as kube-apiserver's decoding into the Go types reports them. */
class TypedDecoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema DEPLOYMENT =
      SchemaCatalog.builtin().kind(new GroupVersionKind("apps", "v1", "Deployment")).orElseThrow();

  private static ObjectNode deployment(String spec) throws Exception {
    return (ObjectNode) JSON.readTree("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":"
        + "\"web\"},\"spec\":" + spec + "}");
  }

  @Test
  void aValidObjectDecodesUnchanged() throws Exception {
    ObjectNode d = deployment("{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{"
        + "\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\","
        + "\"ports\":[{\"containerPort\":80}],\"resources\":{\"requests\":{\"cpu\":\"50m\",\"memory\":1024}}}]}}}");
    ObjectNode before = d.deepCopy();
    TypedDecoder.Decoded result = TypedDecoder.decode(DEPLOYMENT, d);
    assertThat(result.failed()).isFalse();
    assertThat(result.unknownFields()).isEmpty();
    assertThat(d).isEqualTo(before);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"replicas\":\"3\"}|json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32",
      "{\"replicas\":1.5}|json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32",
      "{\"replicas\":3000000000}|json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32",
      "{\"paused\":\"yes\"}|json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool",
      "{\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\",\"env\":[{\"name\":\"X\",\"value\":1}]}]}}}|json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string",
      "{\"template\":{\"spec\":{\"containers\":[{\"name\":true}]}}}|json: cannot unmarshal bool into Go struct field Container.spec.template.spec.containers.name of type string",
      "{\"template\":{\"spec\":{\"containers\":{\"name\":\"a\"}}}}|json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container",
      "{\"template\":{\"metadata\":{\"labels\":{\"a\":1}}}}|json: cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.labels of type string",
      "{\"template\":{\"spec\":{\"restartPolicy\":3}}}|json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.restartPolicy of type v1.RestartPolicy",
      "{\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\",\"resources\":{\"requests\":{\"memory\":\"500MB\"}}}]}}}|quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      "{\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\",\"resources\":{\"requests\":{\"cpu\":\"1K\"}}}]}}}|unable to parse quantity's suffix",
      "{\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\",\"resources\":{\"requests\":\"1\"}}]}}}|json: cannot unmarshal string into Go struct field ResourceRequirements.spec.template.spec.containers.resources.requests of type v1.ResourceList",
      "{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":true}}}|json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32",
  })
  void typeMismatchesGiveGosMessage(String spec, String message) throws Exception {
    assertThat(TypedDecoder.decode(DEPLOYMENT, deployment(spec)).error()).isEqualTo(message);
  }

  @Test
  void unknownFieldsAreReportedWithTheirPathAndDropped() throws Exception {
    ObjectNode d = deployment("{\"replicass\":2,\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\"},"
        + "{\"name\":\"b\",\"imagee\":\"x\"}],\"contianers\":[]}}}");
    d.put("extra", true);
    TypedDecoder.Decoded result = TypedDecoder.decode(DEPLOYMENT, d);
    assertThat(result.failed()).isFalse();
    assertThat(result.unknownFields()).containsExactly("spec.replicass", "spec.template.spec.containers[1].imagee",
        "spec.template.spec.contianers", "extra");
    assertThat(d.has("extra")).isFalse();
    assertThat(d.path("spec").has("replicass")).isFalse();
    assertThat(d.at("/spec/template/spec/containers/1").has("imagee")).isFalse();
  }

  @Test
  void nullsAreDroppedAndRawExtensionsKeptAsTheyAre() throws Exception {
    ObjectNode d = deployment("{\"replicas\":null,\"paused\":false}");
    TypedDecoder.decode(DEPLOYMENT, d);
    assertThat(d.path("spec").has("replicas")).isFalse();
    Schema revision = SchemaCatalog.builtin().kind(new GroupVersionKind("apps", "v1", "ControllerRevision"))
        .orElseThrow();
    ObjectNode cr = (ObjectNode) JSON.readTree("{\"revision\":1,\"data\":{\"anything\":{\"goes\":[1,\"a\"]}}}");
    TypedDecoder.Decoded result = TypedDecoder.decode(revision, cr);
    assertThat(result.unknownFields()).isEmpty();
    assertThat(cr.at("/data/anything/goes/1").asText()).isEqualTo("a");
  }

  @Test
  void secretDataMustBeBase64() throws Exception {
    Schema secret = SchemaCatalog.builtin().kind(new GroupVersionKind("", "v1", "Secret")).orElseThrow();
    assertThat(TypedDecoder.decode(secret, (ObjectNode) JSON.readTree("{\"data\":{\"a\":\"YWJj\"}}")).error())
        .isNull();
    assertThat(TypedDecoder.decode(secret, (ObjectNode) JSON.readTree("{\"data\":{\"a\":\"abc\"}}")).error())
        .isEqualTo("illegal base64 data at input byte 0");
    assertThat(TypedDecoder.decode(secret, (ObjectNode) JSON.readTree("{\"data\":{\"a\":\"ab!d\"}}")).error())
        .isEqualTo("illegal base64 data at input byte 2");
  }

  @Test
  void timesAreCheckedAsGoParsesThem() throws Exception {
    Schema pod = SchemaCatalog.builtin().kind(new GroupVersionKind("", "v1", "Pod")).orElseThrow();
    assertThat(TypedDecoder.decode(pod, (ObjectNode) JSON.readTree(
        "{\"metadata\":{\"creationTimestamp\":\"2024-01-02T03:04:05Z\"}}")).error()).isNull();
    assertThat(TypedDecoder.decode(pod, (ObjectNode) JSON.readTree(
        "{\"metadata\":{\"creationTimestamp\":\"yesterday\"}}")).error())
        .isEqualTo("parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as "
            + "\"2006\"");
  }
}
