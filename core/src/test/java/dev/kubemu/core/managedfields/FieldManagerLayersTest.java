package dev.kubemu.core.managedfields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.ApiException;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.schema.SchemaCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What kube-apiserver's field-manager layers add around structured-merge-diff: entries keyed by manager, operation,
 * version and subresource; their times and order; metadata nobody owns; at most ten update managers; the
 * before-first-apply owner; kubectl's last-applied annotation; the conflict error; and tolerance of managedFields a
 * client wrote badly.
 */
class FieldManagerLayersTest {
  private static String time(int minute) {
    return String.format("2030-01-01T00:%02d:00Z", minute);
  }

  private static FieldManager manager(String subresource, List<String> ignored) {
    return new FieldManager(
        v -> v.equals("apps/v1") ? SchemaCatalog.builtin().kind(new GroupVersionKind("apps", "v1", "Deployment"))
            : Optional.empty(),
        (o, from, to) -> null, ignored, subresource);
  }

  private final FieldManager main = manager("", List.of("status"));
  private final FieldManager status = manager("status", List.of("spec", "metadata"));

  private static ObjectNode deployment(String spec) {
    return Smd.object("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        """ + spec);
  }

  private static ObjectNode created(FieldManager fm, String spec, String manager, String at) {
    ObjectNode o = deployment(spec);
    fm.update(null, o, manager, "apps/v1", at);
    o.withObject("metadata").put("uid", "u-1");
    return o;
  }

  private static ObjectNode updated(FieldManager fm, ObjectNode live, String manager, String at,
      java.util.function.Consumer<ObjectNode> change) {
    ObjectNode next = live.deepCopy();
    change.accept(next);
    fm.update(live, next, manager, "apps/v1", at);
    return next;
  }

  private static List<String> entries(JsonNode object) {
    var out = new ArrayList<String>();
    object.at("/metadata/managedFields").forEach(e -> out.add(e.path("manager").asText() + " "
        + e.path("operation").asText() + (e.has("subresource") ? " " + e.path("subresource").asText() : "")
        + (e.has("time") ? " " + e.path("time").asText() : "")));
    return out;
  }

  private static JsonNode entry(JsonNode object, String manager) {
    for (JsonNode e : object.at("/metadata/managedFields")) {
      if (e.path("manager").asText().equals(manager)) {
        return e;
      }
    }
    throw new AssertionError("no entry of " + manager + " in " + object.at("/metadata/managedFields"));
  }

  // ------------------------------------------------------------------------------------- identifiers and times

  @Test
  void entriesAreSortedByOperationThenTimeThenManager() {
    ObjectNode o = created(main, "spec: {replicas: 1}", "zeta", time(1));
    o = updated(main, o, "alpha", time(2), n -> n.withObject("spec").put("minReadySeconds", 3));
    o = updated(main, o, "beta", time(2), n -> n.withObject("spec").put("paused", true));
    o = main.apply(o, deployment("spec: {revisionHistoryLimit: 3}"), "applier", false, "apps/v1", time(9));
    assertThat(entries(o)).containsExactly("applier Apply " + time(9), "zeta Update " + time(1),
        "alpha Update " + time(2), "beta Update " + time(2));
  }

  @Test
  void aManagerWithoutANameIsUnknown() {
    ObjectNode o = created(main, "spec: {replicas: 1}", "", time(1));
    assertThat(entries(o)).containsExactly("unknown Update " + time(1));
  }

  @Test
  void anUpdateChangingOnlyMetadataNobodyOwnsKeepsTheManagersTime() {
    ObjectNode o = created(main, "spec: {replicas: 1}", "kubectl", time(1));
    o = updated(main, o, "kubectl", time(5), n -> n.withObject("metadata").put("generation", 7));
    assertThat(entries(o)).containsExactly("kubectl Update " + time(1));
  }

  @Test
  void anUpdateChangingNothingRecordsNothing() {
    ObjectNode o = created(main, "spec: {replicas: 1}", "kubectl", time(1));
    o = updated(main, o, "other", time(5), n -> { });
    assertThat(entries(o)).containsExactly("kubectl Update " + time(1));
  }

  @Test
  void aRepeatedUpdateAddsToWhatItsManagerOwnedAndMovesItsTime() {
    ObjectNode o = created(main, "spec: {replicas: 1}", "ctl", time(1));
    o = updated(main, o, "ctl", time(3), n -> n.withObject("spec").put("minReadySeconds", 3));
    assertThat(entries(o)).containsExactly("ctl Update " + time(3));
    assertThat(entry(o, "ctl").path("fieldsV1")).isEqualTo(
        Smd.yaml("f:spec: {f:minReadySeconds: {}, f:replicas: {}}"));
  }

  @Test
  void statusWritesAreRecordedForTheSubresourceAndOwnNoSpec() {
    ObjectNode o = created(main, "spec: {replicas: 1}", "kubectl", time(1));
    o = updated(status, o, "controller", time(2), n -> n.putObject("status").put("replicas", 1));
    assertThat(entries(o)).containsExactly("kubectl Update " + time(1), "controller Update status " + time(2));
    // (status is a plain struct, there as {} before, so not itself added)
    assertThat(entry(o, "controller").path("fieldsV1")).isEqualTo(Smd.yaml("f:status: {f:replicas: {}}"));
    // the main resource ignores status: an update through it owns no status field
    o = updated(main, o, "kubectl", time(3), n -> n.withObject("status").put("replicas", 2));
    assertThat(entries(o)).containsExactly("kubectl Update " + time(1), "controller Update status " + time(2));
    assertThat(entry(o, "controller").path("fieldsV1")).isEqualTo(Smd.yaml("f:status: {f:replicas: {}}"));
  }

  @Test
  void theSameManagerThroughTheSubresourceIsAnotherEntry() {
    ObjectNode o = created(main, "spec: {replicas: 1}", "ctl", time(1));
    o = updated(status, o, "ctl", time(2), n -> n.putObject("status").put("replicas", 1));
    assertThat(entries(o)).containsExactly("ctl Update " + time(1), "ctl Update status " + time(2));
  }

  @Test
  void aClientThatClearsManagedFieldsStopsTheirTrackingUntilTheNextApply() {
    ObjectNode o = created(main, "spec: {replicas: 1}", "kubectl", time(1));
    ObjectNode next = o.deepCopy();
    next.withObject("metadata").putArray("managedFields");
    next.withObject("spec").put("minReadySeconds", 2);
    main.update(o, next, "other", "apps/v1", time(2));
    assertThat(next.at("/metadata/managedFields").isMissingNode()).isTrue();
    ObjectNode applied = main.apply(next, deployment("spec: {replicas: 1}"), "one", false, "apps/v1", time(3));
    assertThat(entries(applied)).containsExactly("one Apply", "before-first-apply Update " + time(3));
  }

  @Test
  void managedFieldsAClientSendsReplaceTheLiveOnesWhenTheyDecode() {
    ObjectNode o = created(main, "spec: {replicas: 1}", "kubectl", time(1));
    ObjectNode next = o.deepCopy();
    next.withObject("metadata").set("managedFields", Smd.yaml("""
        - {manager: mine, operation: Update, apiVersion: apps/v1, time: '2029-01-01T00:00:00Z', fieldsType: FieldsV1,
           fieldsV1: {f:spec: {f:replicas: {}}}}
        """));
    main.update(o, next, "kubectl", "apps/v1", time(2));
    assertThat(entries(next)).containsExactly("mine Update 2029-01-01T00:00:00Z");
  }

  @Test
  void badManagedFieldsFromAClientFallBackToTheLiveOnes() {
    ObjectNode o = created(main, "spec: {replicas: 1}", "kubectl", time(1));
    for (String bad : List.of(
        "[{manager: m, operation: Patch, apiVersion: apps/v1, fieldsType: FieldsV1, fieldsV1: {}}]",
        "[{manager: m, operation: Update, fieldsType: FieldsV1, fieldsV1: {}}]",
        "[{manager: m, operation: Update, apiVersion: apps/v1, fieldsV1: {}}]",
        "[{manager: m, operation: Update, apiVersion: apps/v1, fieldsType: FieldsV2, fieldsV1: {}}]",
        "[{manager: m, operation: Update, apiVersion: apps/v1, fieldsType: FieldsV1, fieldsV1: {'f:a': 3}}]",
        "[{manager: m, operation: Update, apiVersion: apps/v1, fieldsType: FieldsV1, fieldsV1: {'bad': {}}}]")) {
      ObjectNode next = o.deepCopy();
      next.withObject("metadata").set("managedFields", Smd.yaml(bad));
      main.update(o, next, "kubectl", "apps/v1", time(2));
      assertThat(entries(next)).as(bad).containsExactly("kubectl Update " + time(1));
    }
  }

  @Test
  void aNodeWhoseKeysAreAllOfUnknownKindsIsAMember() {
    assertThat(FieldSet.fromFieldsV1(Smd.yaml("{'f:a': {'x:1': {}}, 'f:b': {'f:c': {'x:2': {'f:d': {}}}}}"))
        .toFieldsV1()).isEqualTo(Smd.yaml("{'f:a': {}, 'f:b': {'f:c': {}}}"));
  }

  @Test
  void entriesWithoutFieldsAndKeysOfUnknownKindsAreTolerated() {
    ManagedFields m = ManagedFields.decode(Smd.yaml("""
        - {manager: a, operation: Update, apiVersion: v1, fieldsType: FieldsV1}
        - {manager: b, operation: Apply, apiVersion: v1, fieldsType: FieldsV1,
           fieldsV1: {'f:spec': {'x:future': {}, 'f:replicas': {}}}}
        """));
    assertThat(m.fields).hasSize(2);
    assertThat(m.fields.get(ManagedFields.identifier("a", "Update", "v1", "")).set().isEmpty()).isTrue();
    assertThat(m.fields.get(ManagedFields.identifier("b", "Apply", "v1", "")).set().toFieldsV1())
        .isEqualTo(Smd.yaml("f:spec: {f:replicas: {}}"));
  }

  // ------------------------------------------------------------------------------------- ancient changes

  @Test
  void moreThanTenUpdateManagersCollapseTheOldestIntoAncientChanges() {
    ObjectNode o = created(main, "metadata: {labels: {m0: x}}", "m00", time(0));
    for (int i = 1; i <= 11; i++) {
      int n = i;
      o = updated(main, o, String.format("m%02d", i), time(i), x -> x.withObject("metadata").withObject("labels")
          .put("m" + n, "x"));
    }
    List<String> names = entries(o);
    assertThat(names).hasSize(10);
    assertThat(names.get(0)).isEqualTo("ancient-changes Update " + time(2));
    assertThat(entry(o, "ancient-changes").path("fieldsV1")).isEqualTo(Smd.yaml("""
        f:metadata: {f:labels: {.: {}, f:m0: {}, f:m1: {}, f:m2: {}}}
        """));
    assertThat(names.subList(1, 10)).allMatch(s -> s.matches("m(0[3-9]|1[01]) Update .*"));
  }

  @Test
  void appliersAreNeverCollapsed() {
    ObjectNode o = main.apply(null, deployment("metadata: {labels: {a: x}}"), "applier", false, "apps/v1", time(0));
    o.withObject("metadata").put("uid", "u-1");
    for (int i = 1; i <= 10; i++) {
      int n = i;
      o = updated(main, o, "m" + i, time(i), x -> x.withObject("metadata").withObject("labels").put("m" + n, "x"));
    }
    assertThat(entries(o)).hasSize(11).first().isEqualTo("applier Apply " + time(0));
  }

  // ------------------------------------------------------------------------------------- apply layers

  @Test
  void theFirstApplyToAnObjectWithoutManagedFieldsCreditsItsFieldsToBeforeFirstApply() {
    ObjectNode live = deployment("spec: {replicas: 1, minReadySeconds: 4}");
    live.withObject("metadata").put("uid", "u-1");
    ObjectNode o = main.apply(live, deployment("spec: {replicas: 1}"), "applier", false, "apps/v1", time(1));
    // the apply itself changed nothing, so its entry has no time
    assertThat(entries(o)).containsExactly("applier Apply", "before-first-apply Update " + time(1));
    assertThat(entry(o, "before-first-apply").path("fieldsV1"))
        .isEqualTo(Smd.yaml("f:spec: {f:minReadySeconds: {}, f:replicas: {}}"));
  }

  @Test
  void anApplyThatChangesNothingKeepsTheTimesAndAddsItsManagerWithoutOne() {
    ObjectNode o = main.apply(null, deployment("spec: {replicas: 1}"), "one", false, "apps/v1", time(1));
    o.withObject("metadata").put("uid", "u-1");
    ObjectNode same = main.apply(o, deployment("spec: {replicas: 1}"), "two", false, "apps/v1", time(2));
    assertThat(entries(same)).containsExactly("two Apply", "one Apply " + time(1));
  }

  @Test
  void theConflictErrorListsEveryFieldAndSortsTheManagers() {
    ObjectNode o = created(main, "spec: {replicas: 1, minReadySeconds: 1, paused: true}", "zed", time(1));
    o = main.apply(o, deployment("spec: {revisionHistoryLimit: 3}"), "alpha", false, "apps/v1", time(2));
    ObjectNode taken = updated(status, o, "ctl", time(3), n -> n.putObject("status").put("replicas", 1));
    ObjectNode live = main.apply(taken, deployment("spec: {revisionHistoryLimit: 3}"), "alpha", false, "apps/v1",
        time(2));
    assertThatThrownBy(() -> main.apply(live, deployment(
        "spec: {replicas: 2, minReadySeconds: 2, revisionHistoryLimit: 4}"), "bob", false, "apps/v1", time(4)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(409);
          assertThat(e.getMessage()).isEqualTo("""
              Apply failed with 3 conflicts: conflicts with "alpha":
              - .spec.revisionHistoryLimit
              conflicts with "zed" using apps/v1:
              - .spec.minReadySeconds
              - .spec.replicas""");
          assertThat(e.details().causes()).extracting(c -> c.message() + " " + c.field()).containsExactlyInAnyOrder(
              "conflict with \"alpha\" .spec.revisionHistoryLimit",
              "conflict with \"zed\" using apps/v1 .spec.minReadySeconds",
              "conflict with \"zed\" using apps/v1 .spec.replicas");
        });
  }

  @Test
  void managersThroughASubresourceAreNamedWithItInConflicts() {
    assertThat(FieldManager.printManager(ManagedFields.identifier("ctl", "Update", "apps/v1", "scale")))
        .isEqualTo("\"ctl\" with subresource \"scale\" using apps/v1");
    assertThat(FieldManager.printManager(ManagedFields.identifier("ctl", "Apply", "apps/v1", "status")))
        .isEqualTo("\"ctl\" with subresource \"status\"");
  }

  @Test
  void anAppliedConfigurationMayNotCarryManagedFieldsOrAnotherVersion() {
    assertThatThrownBy(() -> main.apply(null, Smd.object("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, managedFields: []}
        """), "one", false, "apps/v1", time(1)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo("metadata.managedFields must be nil");
        });
    assertThatThrownBy(() -> main.apply(null, Smd.object("apiVersion: apps/v1beta1\nkind: Deployment"), "one", false,
        "apps/v1", time(1))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo(
            "Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1"));
  }

  @Test
  void listItemsOfAnAppliedConfigurationMustBeAddressableOnce() {
    String base = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: ns}
        spec:
          template:
            spec:
              containers:
        """;
    assertThatThrownBy(() -> main.apply(null, Smd.object(base + "      - {image: x}\n"), "one", false, "apps/v1",
        time(1))).isInstanceOfSatisfying(ApiException.class, e -> {
          // the typed conversion fails with a plain error, which kube-apiserver answers as a 500 without a reason
          assertThat(e.code()).isEqualTo(500);
          assertThat(e.reason()).isEmpty();
          assertThat(e.getMessage()).isEqualTo("failed to create typed patch object (ns/web; apps/v1, Kind=Deployment): "
              + ".spec.template.spec.containers: element 0: associative list with keys has an element that omits key "
              + "field \"name\" (and doesn't have default value)");
        });
    assertThatThrownBy(() -> main.apply(null, Smd.object(base + "      - {name: a}\n      - {name: a}\n"), "one", false,
        "apps/v1", time(1))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).endsWith(
            ": .spec.template.spec.containers: duplicate entries for key [name=\"a\"]"));
    // an item without an address ends the walk of its list: the duplicates after it go unreported
    assertThatThrownBy(() -> main.apply(null, Smd.object(base
        + "      - {name: a, ports: [{protocol: UDP}, {containerPort: 1}, {containerPort: 1, protocol: TCP}]}\n"),
        "one", false, "apps/v1", time(1))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
            .endsWith("): .spec.template.spec.containers[name=\"a\"].ports: element 0: associative list with keys "
                + "has an element that omits key field \"containerPort\" (and doesn't have default value)"));
    assertThatThrownBy(() -> main.apply(null, Smd.object(base
        + "      - {name: a, ports: [{containerPort: 1}, {containerPort: 1, protocol: TCP}]}\n"
        + "      - {name: b, image: 5}\n"),
        "one", false, "apps/v1", time(1))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
            .endsWith("): errors:\n"
                + "  .spec.template.spec.containers[name=\"a\"].ports: duplicate entries for key "
                + "[containerPort=1,protocol=\"TCP\"]\n"
                + "  .spec.template.spec.containers[name=\"b\"].image: expected string, got "
                + "&value.valueUnstructured{Value:5}"));
    assertThatThrownBy(() -> main.apply(null, Smd.object("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, finalizers: [a, null]}
        """), "one", false, "apps/v1", time(1))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(
            e.getMessage()).endsWith(": .metadata.finalizers: element 1: associative list without keys has an element "
                + "that's an explicit null"));
  }

  // ------------------------------------------------------------------------------------- kubectl and last-applied

  private static ObjectNode clientSideApplied(String lastApplied, String spec) {
    ObjectNode o = deployment(spec);
    o.withObject("metadata").withObject("annotations").put("kubectl.kubernetes.io/last-applied-configuration",
        lastApplied);
    return o;
  }

  @Test
  void kubectlMayTakeOverWhatItsClientSideApplySetAndLeftAlone() {
    String last = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
        + "\"namespace\":\"default\"},\"spec\":{\"replicas\":1}}\n";
    ObjectNode live = clientSideApplied(last, "spec: {replicas: 1}");
    main.update(null, live, "kubectl-client-side-apply", "apps/v1", time(1));
    live.withObject("metadata").put("uid", "u-1");
    ObjectNode o = main.apply(live, deployment("spec: {replicas: 2, minReadySeconds: 1}"), "kubectl", false,
        "apps/v1", time(2));
    assertThat(o.at("/spec/replicas").asInt()).isEqualTo(2);
    // the annotation now says what was applied, as Go's encoder writes it (keys sorted, HTML-safe)
    assertThat(o.at("/metadata/annotations").get("kubectl.kubernetes.io/last-applied-configuration").asText())
        .isEqualTo("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
            + "\"namespace\":\"default\"},\"spec\":{\"minReadySeconds\":1,\"replicas\":2}}\n");
    // another manager gets no such pass
    ObjectNode other = clientSideApplied(last, "spec: {replicas: 1}");
    main.update(null, other, "kubectl-client-side-apply", "apps/v1", time(1));
    other.withObject("metadata").put("uid", "u-1");
    assertThatThrownBy(() -> main.apply(other, deployment("spec: {replicas: 2}"), "helm", false, "apps/v1",
        time(2))).isInstanceOf(ApiException.class);
  }

  @Test
  void kubectlStillConflictsOnWhatChangedSinceItsLastClientSideApply() {
    String last = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\","
        + "\"namespace\":\"default\"},\"spec\":{\"replicas\":1}}";
    ObjectNode live = clientSideApplied(last, "spec: {replicas: 1}");
    main.update(null, live, "kubectl-client-side-apply", "apps/v1", time(1));
    live.withObject("metadata").put("uid", "u-1");
    ObjectNode scaled = updated(main, live, "kubectl-scale", time(2), n -> n.withObject("spec").put("replicas", 3));
    assertThatThrownBy(() -> main.apply(scaled, deployment("spec: {replicas: 2}"), "kubectl", false, "apps/v1",
        time(3))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
            .isEqualTo("Apply failed with 1 conflict: conflict with \"kubectl-scale\" using apps/v1: .spec.replicas"));
  }
}
