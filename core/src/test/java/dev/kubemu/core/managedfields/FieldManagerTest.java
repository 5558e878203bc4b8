package dev.kubemu.core.managedfields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.schema.SchemaCatalog;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Field ownership as kube-apiserver records it, on Deployments. */
class FieldManagerTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final String T1 = "2030-01-01T00:00:00Z";
  private static final String T2 = "2030-01-01T00:01:00Z";

  private final FieldManager main = new FieldManager(
      v -> v.equals("apps/v1") ? SchemaCatalog.builtin().kind(new GroupVersionKind("apps", "v1", "Deployment"))
          : Optional.empty(),
      (o, from, to) -> null, List.of("status"), "");

  private static ObjectNode yaml(String text) throws Exception {
    return (ObjectNode) YAML.readTree(text);
  }

  /** What kubectl create deployment web --image=nginx sends, after kube-apiserver's defaulting. */
  private static ObjectNode createdDeployment() throws Exception {
    return yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
          labels: {app: web}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          strategy:
            type: RollingUpdate
            rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
          revisionHistoryLimit: 10
          progressDeadlineSeconds: 600
          template:
            metadata:
              creationTimestamp: null
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: nginx
                imagePullPolicy: Always
                resources: {}
                terminationMessagePath: /dev/termination-log
                terminationMessagePolicy: File
              dnsPolicy: ClusterFirst
              restartPolicy: Always
              schedulerName: default-scheduler
              securityContext: {}
              terminationGracePeriodSeconds: 30
        status: {}
        """);
  }

  @Test
  void aCreateGivesItsManagerEverythingItSetAsARealClusterLists() throws Exception {
    ObjectNode created = createdDeployment();
    main.update(null, created, "kubectl-create", "apps/v1", T1);
    JsonNode entries = created.at("/metadata/managedFields");
    assertThat(entries).hasSize(1);
    JsonNode entry = entries.get(0);
    assertThat(entry.path("manager").asText()).isEqualTo("kubectl-create");
    assertThat(entry.path("operation").asText()).isEqualTo("Update");
    assertThat(entry.path("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(entry.path("time").asText()).isEqualTo(T1);
    assertThat(entry.path("fieldsType").asText()).isEqualTo("FieldsV1");
    assertThat(entry.path("fieldsV1")).isEqualTo(yaml("""
        f:metadata:
          f:labels:
            .: {}
            f:app: {}
        f:spec:
          f:progressDeadlineSeconds: {}
          f:replicas: {}
          f:revisionHistoryLimit: {}
          f:selector: {}
          f:strategy:
            f:rollingUpdate:
              .: {}
              f:maxSurge: {}
              f:maxUnavailable: {}
            f:type: {}
          f:template:
            f:metadata:
              f:labels:
                .: {}
                f:app: {}
            f:spec:
              f:containers:
                k:{"name":"nginx"}:
                  .: {}
                  f:image: {}
                  f:imagePullPolicy: {}
                  f:name: {}
                  f:resources: {}
                  f:terminationMessagePath: {}
                  f:terminationMessagePolicy: {}
              f:dnsPolicy: {}
              f:restartPolicy: {}
              f:schedulerName: {}
              f:securityContext: {}
              f:terminationGracePeriodSeconds: {}
        """));
  }

  @Test
  void anUpdateTakesTheFieldsItChangesFromTheirOwner() throws Exception {
    ObjectNode live = createdDeployment();
    main.update(null, live, "kubectl-create", "apps/v1", T1);
    ObjectNode scaled = live.deepCopy();
    ((ObjectNode) scaled.get("spec")).put("replicas", 3);
    main.update(live, scaled, "kubectl-scale", "apps/v1", T2);
    JsonNode entries = scaled.at("/metadata/managedFields");
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).path("manager").asText()).isEqualTo("kubectl-create");
    assertThat(entries.get(0).at("/fieldsV1/f:spec").has("f:replicas")).isFalse();
    assertThat(entries.get(1).path("manager").asText()).isEqualTo("kubectl-scale");
    assertThat(entries.get(1).path("fieldsV1")).isEqualTo(yaml("f:spec: {f:replicas: {}}"));
  }

  @Test
  void statusChangesOnTheMainResourceAreOwnedByNobody() throws Exception {
    ObjectNode live = createdDeployment();
    main.update(null, live, "kubectl-create", "apps/v1", T1);
    ObjectNode next = live.deepCopy();
    next.putObject("status").put("replicas", 1);
    main.update(live, next, "someone", "apps/v1", T2);
    assertThat(next.at("/metadata/managedFields")).hasSize(1);
  }

  @Test
  void applyOwnsWhatItAppliesAndConflictsWithOtherManagers() throws Exception {
    ObjectNode config = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: nginx, image: nginx}
        """);
    ObjectNode created = main.apply(null, config, "alice", false, "apps/v1", T1);
    assertThat(created.at("/spec/replicas").asInt()).isEqualTo(2);
    JsonNode entry = created.at("/metadata/managedFields/0");
    assertThat(entry.path("manager").asText()).isEqualTo("alice");
    assertThat(entry.path("operation").asText()).isEqualTo("Apply");
    assertThat(entry.at("/fieldsV1/f:spec/f:template/f:spec/f:containers").has("k:{\"name\":\"nginx\"}")).isTrue();

    ObjectNode bobs = config.deepCopy();
    ((ObjectNode) bobs.get("spec")).put("replicas", 5);
    assertThatThrownBy(() -> main.apply(created, bobs, "bob", false, "apps/v1", T2))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(409);
          assertThat(e.getMessage()).isEqualTo("Apply failed with 1 conflict: conflict with \"alice\": .spec.replicas");
          assertThat(e.details().causes()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("FieldManagerConflict");
            assertThat(c.field()).isEqualTo(".spec.replicas");
            assertThat(c.message()).isEqualTo("conflict with \"alice\"");
          });
        });
    ObjectNode forced = main.apply(created, bobs, "bob", true, "apps/v1", T2);
    assertThat(forced.at("/spec/replicas").asInt()).isEqualTo(5);
    JsonNode managers = forced.at("/metadata/managedFields");
    assertThat(managers.findValuesAsText("manager")).containsExactlyInAnyOrder("alice", "bob");
    JsonNode alice = managers.get(0).path("manager").asText().equals("alice") ? managers.get(0) : managers.get(1);
    assertThat(alice.at("/fieldsV1/f:spec").has("f:replicas")).isFalse();
  }

  @Test
  void sharedValuesAreCoOwnedWithoutConflict() throws Exception {
    ObjectNode config = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec: {replicas: 2}
        """);
    ObjectNode live = main.apply(null, config, "alice", false, "apps/v1", T1);
    ObjectNode same = main.apply(live, config, "bob", false, "apps/v1", T2);
    assertThat(same.at("/metadata/managedFields")).hasSize(2);
  }

  @Test
  void applyPrunesWhatTheApplierStoppedApplyingUnlessSomeoneElseOwnsIt() throws Exception {
    ObjectNode v1 = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default, labels: {a: "1", b: "2"}}
        spec:
          template:
            spec:
              containers:
              - {name: one, image: x}
              - {name: two, image: y}
        """);
    ObjectNode live = main.apply(null, v1, "alice", false, "apps/v1", T1);
    ObjectNode v2 = v1.deepCopy();
    ((ObjectNode) v2.at("/metadata/labels")).remove("b");
    ((com.fasterxml.jackson.databind.node.ArrayNode) v2.at("/spec/template/spec/containers")).remove(1);
    ObjectNode next = main.apply(live, v2, "alice", false, "apps/v1", T2);
    assertThat(next.at("/metadata/labels").has("b")).isFalse();
    assertThat(next.at("/spec/template/spec/containers")).hasSize(1);
  }

  @Test
  void applyingTheSameConfigurationAgainChangesNothing() throws Exception {
    ObjectNode config = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec: {replicas: 2}
        """);
    ObjectNode live = main.apply(null, config, "alice", false, "apps/v1", T1);
    ObjectNode again = main.apply(live, config, "alice", false, "apps/v1", T2);
    assertThat(again).isEqualTo(live);
  }

  @Test
  void theFirstApplyToAnObjectMadeOtherwiseCreditsItsMakerWithBeforeFirstApply() throws Exception {
    ObjectNode live = createdDeployment();
    live.withObject("metadata").put("uid", "u1");
    ObjectNode config = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec: {replicas: 3}
        """);
    assertThatThrownBy(() -> main.apply(live, config, "alice", false, "apps/v1", T1))
        .hasMessage("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: "
            + ".spec.replicas");
  }

  @Test
  void fieldsV1RoundTrips() throws Exception {
    JsonNode fields = new ObjectMapper().readTree("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},"
        + "\"f:spec\":{\"f:template\":{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"nginx\\\"}\":{\".\":{},"
        + "\"f:image\":{},\"f:ports\":{\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{}}}}}},"
        + "\"f:finalizers\":{\"v:\\\"a\\\"\":{}}}}");
    assertThat(FieldSet.fromFieldsV1(fields).toFieldsV1()).isEqualTo(fields);
  }
}
