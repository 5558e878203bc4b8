package dev.kubemu.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.registry.ResourceRegistry;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.VersionedStore;
import dev.kubemu.core.time.VirtualClock;
import dev.kubemu.kinds.BuiltinTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Server-side apply through the write pipeline as kube-apiserver 1.33 does it: on the status and scale
 * subresources, the kind check, the strict YAML decoding of the body after the apply, and the failures of the typed
 * conversions, which never change what is stored.
 */
class ServerSideApplyTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String STATEFUL_SET = """
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: db, namespace: default}
      spec:
        replicas: REPLICAS
        serviceName: db
        selector: {matchLabels: {app: db}}
        template:
          metadata: {labels: {app: db}}
          spec: {containers: [{name: db, image: postgres}]}
      """;

  private final ResourceRegistry registry = BuiltinTypes.registry();
  private final ResourceOperations operations = new ResourceOperations(registry, new VersionedStore(),
      new VirtualClock(Instant.parse("2030-01-01T00:00:00Z")), List.of(), new Random(3));
  private final ResourceType statefulSets = registry.find("apps", "v1", "statefulsets").orElseThrow();
  private final ResourceType deployments = registry.find("apps", "v1", "deployments").orElseThrow();

  private static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static RequestContext request(String manager, boolean force) {
    return request(manager, force, RequestContext.FieldValidation.STRICT, List.of());
  }

  private static RequestContext request(String manager, boolean force, RequestContext.FieldValidation validation,
      List<DuplicateField> duplicates) {
    return new RequestContext(false, manager, validation, "admin", "kubectl/v1.33.1", force, duplicates,
        Warnings.collecting());
  }

  private static ObjectNode statefulSet(int replicas, String status) {
    return yaml(STATEFUL_SET.replace("REPLICAS", Integer.toString(replicas)) + status);
  }

  private ObjectNode createStatefulSet() {
    return operations.apply(statefulSets, "v1", "default", "db", statefulSet(1, ""), request("kubectl", false),
        Target.MAIN).object();
  }

  private JsonNode stored(ResourceType type, String name) {
    return operations.getTree(type, "default", name);
  }

  private static List<String> entries(JsonNode object) {
    var out = new ArrayList<String>();
    object.path("metadata").path("managedFields").forEach(e -> out.add(e.path("manager").asText() + " "
        + e.path("operation").asText() + " " + e.path("subresource").asText("-") + " " + e.path("fieldsV1")));
    return out;
  }

  private static ApiException failure(Supplier<?> write) {
    return catchThrowableOfType(ApiException.class, write::get);
  }

  // ------------------------------------------------------------------------------------------------ status

  @Test
  void anApplyToStatusChangesOnlyStatusAndRecordsTheSubresource() {
    createStatefulSet();
    // kubectl apply --server-side --subresource=status sends the whole manifest, spec included
    ObjectNode result = operations.apply(statefulSets, "v1", "default", "db",
        statefulSet(5, "status: {replicas: 3, availableReplicas: 0}"), request("kubectl", false), Target.STATUS)
        .object();
    assertThat(result.path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(result.path("status").path("replicas").asInt()).isEqualTo(3);
    assertThat(entries(stored(statefulSets, "db"))).containsExactly(
        "kubectl Apply - {\"f:spec\":{\"f:replicas\":{},\"f:selector\":{},\"f:serviceName\":{},\"f:template\":"
            + "{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},\"f:spec\":{\"f:containers\":"
            + "{\"k:{\\\"name\\\":\\\"db\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{}}}}}}}",
        "kubectl Apply status {\"f:status\":{\"f:availableReplicas\":{},\"f:replicas\":{}}}");
    String rv = stored(statefulSets, "db").path("metadata").path("resourceVersion").asText();
    operations.apply(statefulSets, "v1", "default", "db", statefulSet(5, "status: {replicas: 3, availableReplicas: 0}"),
        request("kubectl", false), Target.STATUS);
    assertThat(stored(statefulSets, "db").path("metadata").path("resourceVersion").asText()).as("no-op").isEqualTo(rv);
  }

  @Test
  void statusAppliersConflictWithEachOtherAndForceTakesOver() {
    createStatefulSet();
    operations.apply(statefulSets, "v1", "default", "db", statefulSet(1, "status: {replicas: 3}"),
        request("kubectl", false), Target.STATUS);
    ApiException conflict = failure(() -> operations.apply(statefulSets, "v1", "default", "db",
        statefulSet(1, "status: {replicas: 4}"), request("ops", false), Target.STATUS));
    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.getMessage())
        .isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"status\": "
            + ".status.replicas");
    // the main resource's applier owns spec.replicas, but a status apply never changes spec: no conflict there
    operations.apply(statefulSets, "v1", "default", "db", statefulSet(9, "status: {replicas: 4}"),
        request("ops", true), Target.STATUS);
    assertThat(stored(statefulSets, "db").path("status").path("replicas").asInt()).isEqualTo(4);
    assertThat(entries(stored(statefulSets, "db"))).contains("ops Apply status {\"f:status\":{\"f:replicas\":{}}}")
        .noneMatch(e -> e.startsWith("kubectl Apply status"));
  }

  @Test
  void anApplyToTheStatusOfAMissingObjectIsNotFound() {
    ApiException missing = failure(() -> operations.apply(statefulSets, "v1", "default", "db",
        statefulSet(1, "status: {replicas: 3}"), request("kubectl", false), Target.STATUS));
    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.getMessage()).isEqualTo("statefulsets.apps \"db\" not found");
  }

  // ------------------------------------------------------------------------------------------------ scale

  private static ObjectNode scale(String replicas) {
    return yaml("{apiVersion: autoscaling/v1, kind: Scale, metadata: {name: db, namespace: default}, "
        + "spec: {replicas: " + replicas + "}}");
  }

  @Test
  void anApplyToScaleSetsTheReplicasAndOwnsThemForTheSubresource() {
    createStatefulSet();
    ApiException conflict = failure(() -> operations.applyScale(statefulSets, "default", "db", scale("4"),
        request("autoscaler", false)));
    assertThat(conflict.getMessage())
        .isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.replicas");
    ObjectNode result = operations.applyScale(statefulSets, "default", "db", scale("4"), request("autoscaler", true));
    assertThat(result.path("kind").asText()).isEqualTo("Scale");
    assertThat(result.path("spec").path("replicas").asInt()).isEqualTo(4);
    JsonNode object = stored(statefulSets, "db");
    assertThat(object.path("spec").path("replicas").asInt()).isEqualTo(4);
    assertThat(entries(object)).contains("autoscaler Apply scale {\"f:spec\":{\"f:replicas\":{}}}")
        .noneMatch(e -> e.startsWith("kubectl") && e.contains("f:replicas"));
  }

  @Test
  void theScaleSubresourceAppliesScalesOnly() {
    createStatefulSet();
    // what kubectl apply --server-side --subresource=scale sends: the object's own manifest
    ApiException wrongKind = failure(() -> operations.applyScale(statefulSets, "default", "db", statefulSet(3, ""),
        request("kubectl", false)));
    assertThat(wrongKind.code()).isEqualTo(400);
    assertThat(wrongKind.getMessage()).isEqualTo("invalid object type: apps/v1, Kind=StatefulSet");
    ApiException typed = failure(() -> operations.applyScale(statefulSets, "default", "db", scale("abc"),
        request("kubectl", false)));
    assertThat(typed.code()).isEqualTo(500);
    assertThat(typed.getMessage()).isEqualTo("failed to create typed patch object (default/db; autoscaling/v1, "
        + "Kind=Scale): .spec.replicas: expected numeric (int or float), got string");
    ApiException fraction = failure(() -> operations.applyScale(statefulSets, "default", "db", scale("2.5"),
        request("kubectl", false)));
    assertThat(fraction.getMessage()).isEqualTo("failed to convert new object (default/db; autoscaling/v1, "
        + "Kind=Scale) to proper version: unable to convert unstructured object to autoscaling/v1, Kind=Scale: "
        + "cannot convert float64 to int32");
    ApiException negative = failure(() -> operations.applyScale(statefulSets, "default", "db", scale("-1"),
        request("kubectl", true)));
    assertThat(negative.code()).isEqualTo(422);
    assertThat(negative.getMessage()).isEqualTo("Scale.autoscaling \"db\" is invalid: spec.replicas: Invalid value: "
        + "-1: must be greater than or equal to 0");
    assertThat(stored(statefulSets, "db").path("spec").path("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void kubectlsLastAppliedAnnotationIsLeftAloneByAScaleApply() {
    ObjectNode manifest = statefulSet(1, "");
    manifest.withObject("metadata").withObject("annotations")
        .put("kubectl.kubernetes.io/last-applied-configuration", "{\"kind\":\"StatefulSet\"}\n");
    operations.create(statefulSets, "v1", "default", manifest, request("kubectl-client-side-apply", false));
    operations.applyScale(statefulSets, "default", "db", scale("2"), request("kubectl", true));
    assertThat(stored(statefulSets, "db").path("metadata").path("annotations")
        .path("kubectl.kubernetes.io/last-applied-configuration").asText()).isEqualTo("{\"kind\":\"StatefulSet\"}\n");
  }

  // ------------------------------------------------------------------------------------------------ kind

  @Test
  void aConfigurationOfAnotherKindIsABadRequest() {
    ApiException e = failure(() -> operations.apply(deployments, "v1", "default", "web",
        yaml("{apiVersion: v1, kind: Service, metadata: {name: web}}"), request("kubectl", false), Target.MAIN));
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.reason()).isEqualTo("BadRequest");
    assertThat(e.getMessage()).isEqualTo("invalid object type: /v1, Kind=Service");
    ApiException noKind = failure(() -> operations.apply(deployments, "v1", "default", "web",
        yaml("{metadata: {name: web}}"), request("kubectl", false), Target.MAIN));
    assertThat(noKind.getMessage()).isEqualTo("invalid object type: /, Kind=");
    ApiException otherVersion = failure(() -> operations.apply(deployments, "v1", "default", "web",
        yaml("{apiVersion: apps/v1beta1, kind: Deployment, metadata: {name: web}}"), request("kubectl", false),
        Target.MAIN));
    assertThat(otherVersion.getMessage()).isEqualTo("invalid object type: apps/v1beta1, Kind=Deployment");
    assertThat(operations.list(deployments, "default", ListOptions.everything()).items()).isEmpty();
  }

  @Test
  void aConfigurationForAnotherNamespaceOrNameIsABadRequest() {
    createStatefulSet();
    ObjectNode elsewhere = statefulSet(1, "");
    elsewhere.withObject("metadata").put("namespace", "other");
    assertThat(failure(() -> operations.apply(statefulSets, "v1", "default", "db", elsewhere,
        request("kubectl", false), Target.MAIN)).getMessage())
        .isEqualTo("the namespace of the provided object does not match the namespace sent on the request");
    assertThat(failure(() -> operations.applyScale(statefulSets, "default", "db",
        yaml("{apiVersion: autoscaling/v1, kind: Scale, metadata: {name: other}, spec: {replicas: 2}}"),
        request("kubectl", true))).getMessage())
        .isEqualTo("the name of the object (other) does not match the name on the URL (db)");
  }

  // ------------------------------------------------------------------------------------------------ duplicates

  private static final List<DuplicateField> TWICE = List.of(
      new DuplicateField("spec.replicas", "replicas", 7, 1), new DuplicateField("metadata.name", "name", 4, 0));

  @Test
  void keysSetTwiceFailAStrictApplyWithYamlsWords() {
    ApiException e = failure(() -> operations.apply(statefulSets, "v1", "default", "db", statefulSet(1, ""),
        request("kubectl", false, RequestContext.FieldValidation.STRICT, TWICE), Target.MAIN));
    assertThat(e.code()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("error strict decoding YAML: error converting YAML to JSON: yaml: "
        + "unmarshal errors:\n  line 4: key \"name\" already set in map\n"
        + "  line 7: key \"replicas\" already set in map");
    assertThat(operations.list(statefulSets, "default", ListOptions.everything()).items()).isEmpty();
  }

  @Test
  void keysSetTwiceAreWarnedAboutUnderWarnAndIgnoredUnderIgnore() {
    RequestContext warn = request("kubectl", false, RequestContext.FieldValidation.WARN, TWICE);
    operations.apply(statefulSets, "v1", "default", "db", statefulSet(1, ""), warn, Target.MAIN);
    assertThat(warn.warnings().texts()).containsExactly("line 4: key \"name\" already set in map",
        "line 7: key \"replicas\" already set in map");
    RequestContext ignore = request("kubectl", false, RequestContext.FieldValidation.IGNORE, TWICE);
    operations.apply(statefulSets, "v1", "default", "db", statefulSet(2, ""), ignore, Target.MAIN);
    assertThat(ignore.warnings().texts()).isEmpty();
    assertThat(stored(statefulSets, "db").path("spec").path("replicas").asInt()).isEqualTo(2);
  }

  @Test
  void aConflictIsReportedBeforeKeysSetTwice() {
    createStatefulSet();
    ApiException e = failure(() -> operations.apply(statefulSets, "v1", "default", "db", statefulSet(3, ""),
        request("ops", false, RequestContext.FieldValidation.STRICT, TWICE), Target.MAIN));
    assertThat(e.code()).isEqualTo(409);
  }

  // ------------------------------------------------------------------------------------------------ typing

  @Test
  void aValueOfTheWrongTypeIsAFiveHundredAndChangesNothing() {
    createStatefulSet();
    JsonNode before = stored(statefulSets, "db");
    ObjectNode bad = statefulSet(1, "");
    ((ObjectNode) bad.get("spec")).put("replicas", "abc");
    ApiException e = failure(() -> operations.apply(statefulSets, "v1", "default", "db", bad,
        request("kubectl", true), Target.MAIN));
    assertThat(e.code()).isEqualTo(500);
    assertThat(e.reason()).isEmpty();
    assertThat(e.toStatus().has("reason")).isFalse();
    assertThat(e.getMessage()).isEqualTo("failed to create typed patch object (default/db; apps/v1, "
        + "Kind=StatefulSet): .spec.replicas: expected numeric (int or float), got string");
    assertThat(stored(statefulSets, "db")).isEqualTo(before);
  }

  @Test
  void numbersBecomeTheIntegersGoConvertsThemTo() {
    createStatefulSet();
    ObjectNode fraction = statefulSet(1, "");
    ((ObjectNode) fraction.get("spec")).put("replicas", 1.5);
    ApiException e = failure(() -> operations.apply(statefulSets, "v1", "default", "db", fraction,
        request("kubectl", true), Target.MAIN));
    assertThat(e.code()).isEqualTo(500);
    assertThat(e.getMessage()).isEqualTo("failed to convert new object (default/db; apps/v1, Kind=StatefulSet) to "
        + "proper version: unable to convert unstructured object to apps/v1, Kind=StatefulSet: cannot convert "
        + "float64 to int32");
    ObjectNode whole = statefulSet(1, "");
    ((ObjectNode) whole.get("spec")).put("replicas", 3.0);
    ObjectNode applied = operations.apply(statefulSets, "v1", "default", "db", whole, request("kubectl", true),
        Target.MAIN).object();
    assertThat(applied.path("spec").path("replicas").isInt()).isTrue();
    assertThat(applied.path("spec").path("replicas").asInt()).isEqualTo(3);
  }
}
