package dev.kubemu.core.managedfields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The typed walks on their own: the fields an object sets, what changed between two objects (compared as their Go
 * types hold them, so a field left out equals its Go zero value and an omitempty field at its zero value is no
 * field at all), and merges.
 */
class TypedOpsTest {
  private final SmdType deployment = Smd.deployments().type();
  private final SmdType pod = Smd.pods().type();

  private TypedOps.Comparison compare(SmdType type, String lhs, String rhs) {
    return TypedOps.compare(type, Smd.yaml(lhs), Smd.yaml(rhs));
  }

  private static JsonNode v1(FieldSet s) {
    return s.toFieldsV1();
  }

  // ------------------------------------------------------------------------------------- Go zero values

  @Test
  void aNonPointerFieldLeftOutEqualsItsZeroValue() {
    // Container.resources is a plain struct: {} and left out are the same Go value
    var c = compare(pod, "spec: {containers: [{name: a, resources: {}}]}", "spec: {containers: [{name: a}]}");
    assertThat(c.isSame()).isTrue();
    // ObjectMeta.creationTimestamp is a struct that marshals to null
    assertThat(compare(deployment, "metadata: {creationTimestamp: null}", "metadata: {}").isSame()).isTrue();
  }

  @Test
  void anOmitemptyFieldAtItsZeroValueIsNoFieldAtAll() {
    // DeploymentSpec.paused is a bool with omitempty: false is dropped when Go encodes it
    assertThat(compare(deployment, "spec: {}", "spec: {paused: false}").isSame()).isTrue();
    assertThat(compare(deployment, "spec: {paused: false}", "spec: {}").isSame()).isTrue();
    // empty maps and slices with omitempty, and empty omitempty strings, likewise
    assertThat(compare(deployment, "metadata: {}", "metadata: {labels: {}, finalizers: [], generateName: ''}")
        .isSame()).isTrue();
    assertThat(compare(pod, "spec: {containers: [{name: a}]}", "spec: {containers: [{name: a, env: []}]}")
        .isSame()).isTrue();
  }

  @Test
  void aPointerAtItsZeroValueIsStillAField() {
    // DeploymentSpec.replicas is *int32: 0 is set, left out is nil
    var c = compare(deployment, "spec: {}", "spec: {replicas: 0}");
    assertThat(v1(c.added())).isEqualTo(Smd.yaml("f:spec: {f:replicas: {}}"));
  }

  @Test
  void aNilStructPointerHasNoFieldsWhileAnEmptyOneHasItsZeroFields() {
    // PodSpec.securityContext is a pointer: null means no struct, so it is added with its fields
    var c = compare(pod, "spec: {securityContext: null}", "spec: {securityContext: {runAsUser: 1}}");
    assertThat(v1(c.added())).isEqualTo(Smd.yaml("f:spec: {f:securityContext: {.: {}, f:runAsUser: {}}}"));
    assertThat(c.modified().isEmpty()).isTrue();
    // while an empty struct has its fields' zero values: ContainerPort.containerPort (no omitempty) is 0
    var port = compare(pod, "spec: {containers: [{name: a, ports: [{containerPort: 0, protocol: TCP, name: p}]}]}",
        "spec: {containers: [{name: a, ports: [{containerPort: 0, protocol: TCP, name: q}]}]}");
    assertThat(v1(port.modified())).isEqualTo(Smd.yaml(
        "f:spec: {f:containers: {'k:{\"name\":\"a\"}': {f:ports: {'k:{\"containerPort\":0,\"protocol\":\"TCP\"}': "
        + "{f:name: {}}}}}}"));
  }

  @Test
  void changedAndRemovedFieldsAreTold() {
    var c = compare(deployment, "spec: {replicas: 1, minReadySeconds: 3}\nmetadata: {labels: {a: x}}",
        "spec: {replicas: 2}\nmetadata: {labels: {b: y}}");
    assertThat(v1(c.modified())).isEqualTo(Smd.yaml("f:spec: {f:replicas: {}}"));
    assertThat(v1(c.removed())).isEqualTo(Smd.yaml("f:metadata: {f:labels: {f:a: {}}}\nf:spec: {f:minReadySeconds: {}}"));
    assertThat(v1(c.added())).isEqualTo(Smd.yaml("f:metadata: {f:labels: {f:b: {}}}"));
  }

  @Test
  void aMapThatAppearsIsAddedWithItsEntriesAndOneThatGoesIsRemovedWithThem() {
    var c = compare(deployment, "metadata: {}", "metadata: {annotations: {a: x}}");
    assertThat(v1(c.added())).isEqualTo(Smd.yaml("f:metadata: {f:annotations: {.: {}, f:a: {}}}"));
    var back = compare(deployment, "metadata: {annotations: {a: x}}", "metadata: {}");
    assertThat(v1(back.removed())).isEqualTo(Smd.yaml("f:metadata: {f:annotations: {.: {}, f:a: {}}}"));
  }

  @Test
  void emptyContainersOnBothSidesAreComparedAsLeaves() {
    // a slice without omitempty: empty ([]) and nil (null) are different Go values
    var c = compare(pod, "spec: {containers: []}", "spec: {containers: null}");
    assertThat(v1(c.modified())).isEqualTo(Smd.yaml("f:spec: {f:containers: {}}"));
    var atomic = compare(pod, "spec: {tolerations: [{key: a}]}", "spec: {tolerations: [{key: b}]}");
    assertThat(v1(atomic.modified())).isEqualTo(Smd.yaml("f:spec: {f:tolerations: {}}"));
  }

  @Test
  void duplicatesOnBothSidesAreOneModifiedItemWhenTheyDiffer() {
    String lhs = "spec: {containers: [{name: a}, {name: a, image: x}]}";
    assertThat(compare(pod, lhs, lhs).isSame()).isTrue();
    var c = compare(pod, lhs, "spec: {containers: [{name: a}, {name: a, image: y}]}");
    assertThat(v1(c.modified())).isEqualTo(Smd.yaml("f:spec: {f:containers: {'k:{\"name\":\"a\"}': {}}}"));
    var dedup = compare(pod, lhs, "spec: {containers: [{name: a, image: z}]}");
    assertThat(v1(dedup.removed())).isEqualTo(Smd.yaml("f:spec: {f:containers: {'k:{\"name\":\"a\"}': {}}}"));
    assertThat(v1(dedup.added())).isEqualTo(
        Smd.yaml("f:spec: {f:containers: {'k:{\"name\":\"a\"}': {.: {}, f:image: {}, f:name: {}}}}"));
  }

  @Test
  void atomicStructsCompareAsGoValues() {
    // ObjectFieldSelector is atomic; fieldPath has no omitempty, so left out it is ""
    var c = compare(pod, "spec: {containers: [{name: a, env: [{name: e, valueFrom: {fieldRef: {fieldPath: ''}}}]}]}",
        "spec: {containers: [{name: a, env: [{name: e, valueFrom: {fieldRef: {}}}]}]}");
    assertThat(c.isSame()).isTrue();
    // LabelSelector is atomic; an empty matchExpressions (omitempty) is no field
    assertThat(compare(deployment, "spec: {selector: {matchLabels: {a: b}}}",
        "spec: {selector: {matchLabels: {a: b}, matchExpressions: []}}").isSame()).isTrue();
    assertThat(v1(compare(deployment, "spec: {selector: {matchLabels: {a: b}}}",
        "spec: {selector: {matchLabels: {a: c}}}").modified())).isEqualTo(Smd.yaml("f:spec: {f:selector: {}}"));
  }

  @Test
  void anAppliedExplicitZeroIsAChangeFromALeftOutField() {
    // the merged object of an apply holds what the configuration says, even an omitempty false
    var c = TypedOps.compare(deployment, Smd.yaml("spec: {paused: true}"), TypedOps.Shape.GO_STRUCT,
        Smd.yaml("spec: {paused: false}"), TypedOps.Shape.MERGED);
    assertThat(v1(c.modified())).isEqualTo(Smd.yaml("f:spec: {f:paused: {}}"));
    var fromNothing = TypedOps.compare(deployment, Smd.yaml("spec: {}"), TypedOps.Shape.GO_STRUCT,
        Smd.yaml("spec: {paused: false}"), TypedOps.Shape.MERGED);
    assertThat(v1(fromNothing.added())).isEqualTo(Smd.yaml("f:spec: {f:paused: {}}"));
    // and an unstructured configuration only has what it spells out
    var lastApplied = TypedOps.compare(deployment, Smd.yaml("spec: {paused: false}"), TypedOps.Shape.UNSTRUCTURED,
        Smd.yaml("spec: {}"), TypedOps.Shape.GO_STRUCT);
    assertThat(v1(lastApplied.removed())).isEqualTo(Smd.yaml("f:spec: {f:paused: {}}"));
  }

  // ------------------------------------------------------------------------------------- field sets

  @Test
  void toFieldSetListsLeavesItemsAndEmptyOrNullMaps() {
    FieldSet s = TypedOps.toFieldSet(pod, Smd.yaml("""
        metadata: {labels: {a: x}, annotations: {}}
        spec:
          nodeSelector: null
          containers:
          - name: web
            ports: [{containerPort: 80}]
        """));
    assertThat(v1(s)).isEqualTo(Smd.yaml("""
        f:metadata: {f:annotations: {}, f:labels: {f:a: {}}}
        f:spec:
          f:containers:
            'k:{"name":"web"}':
              .: {}
              f:name: {}
              f:ports:
                'k:{"containerPort":80,"protocol":"TCP"}': {.: {}, f:containerPort: {}}
          f:nodeSelector: {}
        """));
  }

  @Test
  void fieldsNoSchemaKnowsAreOwnedAsLeavesWithTheirChildren() {
    FieldSet s = TypedOps.toFieldSet(pod, Smd.yaml("spec: {unknownThing: {a: 1}}"));
    assertThat(v1(s)).isEqualTo(Smd.yaml("f:spec: {f:unknownThing: {.: {}, f:a: {}}}"));
  }

  @Test
  void itemsThatCannotBeAddressedAreRejected() {
    assertThatThrownBy(() -> TypedOps.toFieldSet(pod, Smd.yaml("spec: {containers: [{image: x}]}")))
        .isInstanceOf(TypedOps.InvalidItem.class);
    assertThatThrownBy(() -> TypedOps.toFieldSet(pod, Smd.yaml("spec: {containers: [null]}")))
        .isInstanceOf(TypedOps.InvalidItem.class);
    assertThatThrownBy(() -> TypedOps.toFieldSet(pod, Smd.yaml("metadata: {finalizers: [{a: 1}]}")))
        .isInstanceOf(TypedOps.InvalidItem.class);
    assertThatThrownBy(() -> TypedOps.toFieldSet(pod, Smd.yaml("metadata: {finalizers: [null]}")))
        .isInstanceOf(TypedOps.InvalidItem.class);
  }

  // ------------------------------------------------------------------------------------- merge

  @Test
  void mergeKeepsLiveItemsAndPutsNewOnesAfterTheItemBeforeThemInTheConfig() {
    JsonNode merged = TypedOps.merge(pod, Smd.yaml("metadata: {finalizers: [a, b, c]}"),
        Smd.yaml("metadata: {finalizers: [a, x, c, y]}"));
    assertThat(merged).isEqualTo(Smd.yaml("metadata: {finalizers: [a, b, x, c, y]}"));
  }

  @Test
  void mergeReplacesAtomicListsAndStructsAndMergesGranularMaps() {
    JsonNode merged = TypedOps.merge(deployment, Smd.yaml("""
        metadata: {labels: {a: '1'}}
        spec: {selector: {matchLabels: {a: '1'}, matchExpressions: [{key: k, operator: Exists}]}}
        """), Smd.yaml("""
        metadata: {labels: {b: '2'}}
        spec: {selector: {matchLabels: {b: '2'}}}
        """));
    assertThat(merged).isEqualTo(Smd.yaml("""
        metadata: {labels: {a: '1', b: '2'}}
        spec: {selector: {matchLabels: {b: '2'}}}
        """));
  }

  @Test
  void mergeKeepsOneItemForDuplicatesTheConfigNames() {
    JsonNode merged = TypedOps.merge(pod, Smd.yaml("spec: {containers: [{name: a, image: 1}, {name: b}, "
        + "{name: a, image: 2}]}"), Smd.yaml("spec: {containers: [{name: a, tty: true}]}"));
    assertThat(merged).isEqualTo(Smd.yaml("spec: {containers: [{name: a, tty: true}, {name: b}]}"));
  }
}
