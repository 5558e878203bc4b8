package dev.kubemu.core.managedfields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Several managers applying and updating one object, on the merge rules of the built-in schemas: who owns what
 * afterwards, what an applier's dropped fields become, and which changes conflict. The expected objects and field
 * sets are the ones structured-merge-diff's own merge scenarios arrive at.
 */
class MultipleAppliersTest {

  // ------------------------------------------------------------------------------------- sets of scalars

  @Test
  void aSetAppliedTwiceGrowsInTheOrderOfTheSecondApply() {
    Smd pod = Smd.pods()
        .apply("default", "metadata: {finalizers: [a, c]}")
        .apply("default", "metadata: {finalizers: [a, b, c, d]}");
    pod.assertObject("metadata: {finalizers: [a, b, c, d]}");
    pod.assertOwns("default", """
        f:metadata: {f:finalizers: {'v:"a"': {}, 'v:"b"': {}, 'v:"c"': {}, 'v:"d"': {}}}
        """);
  }

  @Test
  void anApplierAddingToASetKeepsAnUpdatersItemsWhereTheyStood() {
    Smd pod = Smd.pods()
        .apply("default", "metadata: {finalizers: [a, c]}")
        .update("controller", "metadata: {finalizers: [a, b, c, d]}")
        .apply("default", "metadata: {finalizers: [a, aprime, c, cprime]}");
    pod.assertObject("metadata: {finalizers: [a, b, aprime, c, d, cprime]}");
    pod.assertOwns("default", """
        f:metadata: {f:finalizers: {'v:"a"': {}, 'v:"aprime"': {}, 'v:"c"': {}, 'v:"cprime"': {}}}
        """);
    pod.assertOwns("controller", """
        f:metadata: {f:finalizers: {'v:"b"': {}, 'v:"d"': {}}}
        """);
  }

  @Test
  void anApplierAndAnUpdaterCoOwnAnItemBothSet() {
    Smd pod = Smd.pods()
        .apply("default", "metadata: {finalizers: [a, c]}")
        .update("controller", "metadata: {finalizers: [a, b, c, d]}")
        .apply("default", "metadata: {finalizers: [a, b, c]}");
    pod.assertObject("metadata: {finalizers: [a, b, c, d]}");
    pod.assertOwns("default", """
        f:metadata: {f:finalizers: {'v:"a"': {}, 'v:"b"': {}, 'v:"c"': {}}}
        """);
    pod.assertOwns("controller", """
        f:metadata: {f:finalizers: {'v:"b"': {}, 'v:"d"': {}}}
        """);
  }

  @Test
  void reorderingASetChangesNoOwnershipAndTheApplierReordersItBack() {
    Smd pod = Smd.pods().apply("default", "metadata: {finalizers: [a, b, c, d]}")
        .apply("default", "metadata: {finalizers: [a, d, c, b]}");
    pod.assertObject("metadata: {finalizers: [a, d, c, b]}");

    Smd other = Smd.pods()
        .apply("default", "metadata: {finalizers: [a, b, c, d]}")
        .update("controller", "metadata: {finalizers: [a, d, c, b]}");
    other.assertManagers("default");
    other.apply("default", "metadata: {finalizers: [a, b, c, d]}");
    other.assertObject("metadata: {finalizers: [a, b, c, d]}");
    other.assertManagers("default");
  }

  @Test
  void itemsDroppedFromAnAppliedSetAreRemoved() {
    Smd pod = Smd.pods()
        .apply("default", "metadata: {finalizers: [a, b, c, d]}")
        .apply("default", "metadata: {finalizers: [a, c]}");
    pod.assertObject("metadata: {finalizers: [a, c]}");
    pod.assertOwns("default", """
        f:metadata: {f:finalizers: {'v:"a"': {}, 'v:"c"': {}}}
        """);
  }

  @Test
  void anAtomicListOfNumbersConflictsAsAWholeEvenWhereItsItemsAgree() {
    Smd pod = Smd.pods().apply("one", "spec: {securityContext: {supplementalGroups: [1, 2]}}");
    assertThatThrownBy(() -> pod.apply("two", "spec: {securityContext: {supplementalGroups: [2]}}"))
        .isInstanceOfSatisfying(Updater.ConflictsException.class, e -> assertThat(e.conflicts())
            .extracting(c -> FieldPaths.toString(c.path()))
            .containsExactly(".spec.securityContext.supplementalGroups"));
    pod.apply("two", "spec: {securityContext: {supplementalGroups: [1.0, 2]}}");
    pod.assertOwns("two", "f:spec: {f:securityContext: {f:supplementalGroups: {}}}");
    pod.assertOwns("one", "f:spec: {f:securityContext: {f:supplementalGroups: {}}}");
  }

  // ------------------------------------------------------------------------------------- associative lists

  @Test
  void removingAnItemOnlyTheApplierOwnedDropsIt() {
    Smd pod = Smd.pods()
        .apply("apply-one", "spec: {containers: [{name: a}, {name: b}]}")
        .apply("apply-two", "spec: {containers: [{name: c}]}")
        .apply("apply-one", "spec: {containers: [{name: a}]}");
    pod.assertObject("spec: {containers: [{name: a}, {name: c}]}");
    pod.assertOwns("apply-one", """
        f:spec: {f:containers: {'k:{"name":"a"}': {.: {}, f:name: {}}}}
        """);
    pod.assertOwns("apply-two", """
        f:spec: {f:containers: {'k:{"name":"c"}': {.: {}, f:name: {}}}}
        """);
  }

  @Test
  void equalValuesAreCoOwnedAndDifferentOnesConflict() {
    Smd pod = Smd.pods()
        .apply("apply-one", "spec: {containers: [{name: a, image: x}]}")
        .apply("apply-two", "spec: {containers: [{name: a, image: x}]}");
    pod.assertOwns("apply-one", """
        f:spec: {f:containers: {'k:{"name":"a"}': {.: {}, f:image: {}, f:name: {}}}}
        """);
    pod.assertOwns("apply-two", """
        f:spec: {f:containers: {'k:{"name":"a"}': {.: {}, f:image: {}, f:name: {}}}}
        """);

    Smd conflicting = Smd.pods().apply("apply-one", "spec: {containers: [{name: a, image: x}]}");
    assertThatThrownBy(() -> conflicting.apply("apply-two", "spec: {containers: [{name: a, image: y}]}"))
        .isInstanceOfSatisfying(Updater.ConflictsException.class, e -> assertThat(e.conflicts())
            .extracting(c -> c.manager() + " " + FieldPaths.toString(c.path()))
            .containsExactly("apply-one .spec.containers[name=\"a\"].image"));
    conflicting.assertObject("spec: {containers: [{name: a, image: x}]}");
    conflicting.assertManagers("apply-one");
  }

  @Test
  void anItemAnotherApplierAlsoAppliedStays() {
    Smd pod = Smd.pods()
        .apply("apply-one", "spec: {containers: [{name: a}, {name: b}, {name: c}]}")
        .apply("apply-two", "spec: {containers: [{name: c}, {name: d}]}")
        .apply("apply-one", "spec: {containers: [{name: a}]}");
    pod.assertObject("spec: {containers: [{name: a}, {name: c}, {name: d}]}");
    pod.assertOwns("apply-two", """
        f:spec: {f:containers: {'k:{"name":"c"}': {.: {}, f:name: {}}, 'k:{"name":"d"}': {.: {}, f:name: {}}}}
        """);
  }

  @Test
  void aDroppedItemKeepsTheSubItemsOthersOwnButLosesTheApplierOnes() {
    Smd pod = Smd.pods()
        .apply("apply-one", "spec: {containers: [{name: a}, {name: b, env: [{name: c}]}]}")
        .apply("apply-two", "spec: {containers: [{name: b, env: [{name: d}]}]}")
        .update("controller",
            "spec: {containers: [{name: a}, {name: b, env: [{name: c}, {name: d}, {name: e}]}]}")
        .apply("apply-one", "spec: {containers: [{name: a}]}");
    pod.assertObject("spec: {containers: [{name: a}, {name: b, env: [{name: d}, {name: e}]}]}");
    pod.assertOwns("apply-one", """
        f:spec: {f:containers: {'k:{"name":"a"}': {.: {}, f:name: {}}}}
        """);
    pod.assertOwns("controller", """
        f:spec: {f:containers: {'k:{"name":"b"}': {f:env: {'k:{"name":"e"}': {.: {}, f:name: {}}}}}}
        """);
  }

  @Test
  void aDroppedItemWhoseOnlyOtherOwnerIsAnUpdaterOfASubItemGoesWithIt() {
    Smd pod = Smd.pods()
        .apply("apply-one", "spec: {containers: [{name: a}, {name: b, env: [{name: c}]}]}")
        .apply("apply-two", "spec: {containers: [{name: a, env: [{name: b}]}]}")
        .update("controller",
            "spec: {containers: [{name: a, env: [{name: b}]}, {name: b, env: [{name: c}, {name: d}]}]}")
        .apply("apply-one", "spec: {containers: [{name: a}]}");
    pod.assertObject("spec: {containers: [{name: a, env: [{name: b}]}]}");
    pod.assertManagers("apply-one", "apply-two");
  }

  @Test
  void listItemsMergeInTheLiveOrderWithNewItemsAfterTheirPredecessor() {
    Smd pod = Smd.pods()
        .apply("one", "spec: {containers: [{name: a}, {name: c}]}")
        .update("controller", "spec: {containers: [{name: a}, {name: b}, {name: c}, {name: d}]}")
        .apply("one", "spec: {containers: [{name: a}, {name: aa}, {name: c}, {name: cc}]}");
    pod.assertObject("spec: {containers: [{name: a}, {name: b}, {name: aa}, {name: c}, {name: d}, {name: cc}]}");
  }

  @Test
  void anApplierReordersItsItemsAroundOthers() {
    Smd pod = Smd.pods()
        .apply("one", "spec: {containers: [{name: a}, {name: b}, {name: c}]}")
        .update("controller", "spec: {containers: [{name: a}, {name: x}, {name: b}, {name: c}]}")
        .apply("one", "spec: {containers: [{name: c}, {name: b}, {name: a}]}");
    pod.assertObject("spec: {containers: [{name: x}, {name: c}, {name: b}, {name: a}]}");
  }

  // ------------------------------------------------------------------------------------- composite keys, defaults

  @Test
  void portsAreKeyedByPortAndProtocolWithTcpWhenLeftOut() {
    Smd pod = Smd.pods().apply("one", """
        spec:
          containers:
          - name: web
            ports:
            - containerPort: 80
            - containerPort: 80
              protocol: UDP
        """);
    pod.assertOwns("one", """
        f:spec:
          f:containers:
            'k:{"name":"web"}':
              .: {}
              f:name: {}
              f:ports:
                'k:{"containerPort":80,"protocol":"TCP"}': {.: {}, f:containerPort: {}}
                'k:{"containerPort":80,"protocol":"UDP"}': {.: {}, f:containerPort: {}, f:protocol: {}}
        """);
  }

  @Test
  void anItemWithTheDefaultedKeyLeftOutIsTheSameItemAsOneThatSpellsItOut() {
    Smd pod = Smd.pods()
        .update("controller", """
            spec:
              containers:
              - name: web
                ports:
                - {containerPort: 80, protocol: TCP, name: http}
            """);
    assertThatThrownBy(() -> pod.apply("one", """
        spec:
          containers:
          - name: web
            ports:
            - {containerPort: 80, name: other}
        """)).isInstanceOfSatisfying(Updater.ConflictsException.class, e -> assertThat(e.conflicts())
            .extracting(c -> FieldPaths.toString(c.path()))
            .containsExactly(".spec.containers[name=\"web\"].ports[containerPort=80,protocol=\"TCP\"].name"));
    pod.forceApply("one", """
        spec:
          containers:
          - name: web
            ports:
            - {containerPort: 80, name: other}
        """);
    pod.assertObject("""
        spec:
          containers:
          - name: web
            ports:
            - {containerPort: 80, protocol: TCP, name: other}
        """);
    pod.assertOwns("controller", """
        f:spec:
          f:containers:
            'k:{"name":"web"}':
              .: {}
              f:name: {}
              f:ports:
                .: {}
                'k:{"containerPort":80,"protocol":"TCP"}': {.: {}, f:containerPort: {}, f:protocol: {}}
        """);
  }

  @Test
  void serviceAndContainerPortKeysWithIntegerValuesMatchWhateverTheirNumberType() {
    Smd svc = Smd.of("", "v1", "Service")
        .update("controller", "spec: {ports: [{port: 443, protocol: TCP, targetPort: 8443}]}")
        .apply("one", "spec: {ports: [{port: 443.0, targetPort: 8443}]}");
    // nothing changed (443.0 equals 443), so the live object stays as it was
    svc.assertObject("spec: {ports: [{port: 443, protocol: TCP, targetPort: 8443}]}");
    svc.assertOwns("one", """
        f:spec: {f:ports: {'k:{"port":443,"protocol":"TCP"}': {.: {}, f:port: {}, f:targetPort: {}}}}
        """);
  }

  // ------------------------------------------------------------------------------------- scalars and structs

  @Test
  void aScalarTheSoleApplierDropsIsRemoved() {
    Smd d = Smd.deployments()
        .apply("one", "spec: {replicas: 2, minReadySeconds: 5}")
        .apply("one", "spec: {replicas: 2}");
    d.assertObject("spec: {replicas: 2}");
    d.assertOwns("one", "f:spec: {f:replicas: {}}");
  }

  @Test
  void aScalarAnotherApplierSharesSurvivesItsRemovalFromOneConfig() {
    Smd d = Smd.deployments()
        .apply("one", "spec: {replicas: 2, minReadySeconds: 5}")
        .apply("two", "spec: {minReadySeconds: 5}")
        .apply("one", "spec: {replicas: 2}");
    d.assertObject("spec: {replicas: 2, minReadySeconds: 5}");
    d.assertOwns("one", "f:spec: {f:replicas: {}}");
    d.assertOwns("two", "f:spec: {f:minReadySeconds: {}}");
  }

  @Test
  void aScalarAnUpdaterAlsoSetIsKeptWhenTheApplierDropsIt() {
    Smd d = Smd.deployments()
        .update("updater", "spec: {replicas: 2, minReadySeconds: 5}")
        .apply("applier", "spec: {replicas: 2, minReadySeconds: 5}")
        .apply("applier", "spec: {replicas: 2}");
    d.assertObject("spec: {replicas: 2, minReadySeconds: 5}");
    d.assertOwns("updater", "f:spec: {f:minReadySeconds: {}, f:replicas: {}}");
    d.assertOwns("applier", "f:spec: {f:replicas: {}}");
  }

  @Test
  void anUpdaterTakesAFieldFromAnApplierWithoutConflict() {
    Smd d = Smd.deployments()
        .apply("applier", "spec: {replicas: 2, minReadySeconds: 5}")
        .update("updater", "spec: {replicas: 2, minReadySeconds: 7}");
    d.assertOwns("applier", "f:spec: {f:replicas: {}}");
    d.assertOwns("updater", "f:spec: {f:minReadySeconds: {}}");
  }

  @Test
  void aStructTheSoleApplierDropsIsRemovedWhole() {
    Smd d = Smd.deployments()
        .apply("one", "spec: {replicas: 1, strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}}")
        .apply("one", "spec: {replicas: 1}");
    d.assertObject("spec: {replicas: 1}");
  }

  @Test
  void aStructAnotherApplierSharesSurvives() {
    Smd d = Smd.deployments()
        .apply("one", "spec: {replicas: 1, strategy: {rollingUpdate: {maxSurge: 1}}}")
        .apply("two", "spec: {strategy: {rollingUpdate: {maxSurge: 1}}}")
        .apply("one", "spec: {replicas: 1}");
    d.assertObject("spec: {replicas: 1, strategy: {rollingUpdate: {maxSurge: 1}}}");
    d.assertOwns("one", "f:spec: {f:replicas: {}}");
    d.assertOwns("two", "f:spec: {f:strategy: {f:rollingUpdate: {f:maxSurge: {}}}}");
  }

  @Test
  void anAtomicStructIsOwnedAndReplacedAsAWhole() {
    Smd d = Smd.deployments()
        .apply("one", "spec: {selector: {matchLabels: {app: web, tier: fe}}}");
    d.assertOwns("one", "f:spec: {f:selector: {}}");
    assertThatThrownBy(() -> d.apply("two", "spec: {selector: {matchLabels: {app: web}}}"))
        .isInstanceOfSatisfying(Updater.ConflictsException.class, e -> assertThat(e.conflicts())
            .extracting(c -> FieldPaths.toString(c.path())).containsExactly(".spec.selector"));
    d.forceApply("two", "spec: {selector: {matchLabels: {app: web}}}");
    d.assertObject("spec: {selector: {matchLabels: {app: web}}}");
    d.assertManagers("two");
  }

  @Test
  void anAtomicListIsReplacedAndOwnedWhole() {
    Smd pod = Smd.pods()
        .apply("one", "spec: {containers: [{name: a, args: [x, y]}]}")
        .update("controller", "spec: {containers: [{name: a, args: [x, y, z]}]}");
    pod.assertOwns("controller", "f:spec: {f:containers: {'k:{\"name\":\"a\"}': {f:args: {}}}}");
    pod.assertOwns("one", "f:spec: {f:containers: {'k:{\"name\":\"a\"}': {.: {}, f:name: {}}}}");
  }

  @Test
  void aGranularMapIsMergedKeyByKey() {
    Smd d = Smd.deployments()
        .apply("one", "metadata: {labels: {a: '1', b: '2'}}")
        .apply("two", "metadata: {labels: {c: '3'}}")
        .apply("one", "metadata: {labels: {a: '1'}}");
    d.assertObject("metadata: {labels: {a: '1', c: '3'}}");
    d.assertOwns("one", "f:metadata: {f:labels: {f:a: {}}}");
    d.assertOwns("two", "f:metadata: {f:labels: {f:c: {}}}");
  }

  @Test
  void anEmptyMapOrAtomicListIsALeafOfItsApplierButAnEmptyAssociativeListIsNot() {
    Smd d = Smd.deployments().apply("one",
        "metadata: {labels: {}}\nspec: {template: {spec: {containers: [], tolerations: []}}}");
    d.assertOwns("one", "f:metadata: {f:labels: {}}\nf:spec: {f:template: {f:spec: {f:tolerations: {}}}}");
  }

  @Test
  void aNullIsOwnedAsALeaf() {
    Smd d = Smd.deployments().apply("one", "spec: {replicas: null, strategy: null}");
    d.assertOwns("one", "f:spec: {f:replicas: {}, f:strategy: {}}");
  }

  // ------------------------------------------------------------------------------------- force and conflicts

  @Test
  void forcingTakesTheFieldsFromEveryOtherManager() {
    Smd d = Smd.deployments()
        .apply("one", "spec: {replicas: 1, minReadySeconds: 1}")
        .update("controller", "spec: {replicas: 1, minReadySeconds: 1, paused: true}");
    assertThatThrownBy(() -> d.apply("two", "spec: {replicas: 3, minReadySeconds: 3, paused: false}"))
        .isInstanceOfSatisfying(Updater.ConflictsException.class, e -> assertThat(e.conflicts())
            .extracting(c -> c.manager() + " " + FieldPaths.toString(c.path()))
            .containsExactly("one .spec.minReadySeconds", "one .spec.replicas", "controller .spec.paused"));
    d.forceApply("two", "spec: {replicas: 3, minReadySeconds: 3, paused: false}");
    d.assertObject("spec: {replicas: 3, minReadySeconds: 3, paused: false}");
    d.assertManagers("two");
  }

  @Test
  void updatesNeverConflict() {
    Smd d = Smd.deployments().apply("one", "spec: {replicas: 1}").update("other", "spec: {replicas: 2}");
    d.assertManagers("other");
    d.assertOwns("other", "f:spec: {f:replicas: {}}");
  }

  @Test
  void ignoredFieldsAreOwnedByNobody() {
    Smd d = Smd.of("apps", "v1", "Deployment", List.of("status"))
        .update("one", "spec: {replicas: 1}\nstatus: {replicas: 1}")
        .apply("two", "spec: {replicas: 1}\nstatus: {replicas: 5}");
    d.assertOwns("one", "f:spec: {f:replicas: {}}");
    d.assertOwns("two", "f:spec: {f:replicas: {}}");
  }

  // ------------------------------------------------------------------------------------- duplicates

  @Test
  void duplicatedItemsOfALiveListAreOwnedAsOneAtomicItem() {
    // (the list itself is no member: a Pod's containers, without omitempty, was there as null before)
    Smd pod = Smd.pods().update("controller", """
        spec:
          containers:
          - name: a
            env: [{name: x, value: '1'}, {name: x, value: '2'}, {name: y, value: '3'}]
        """);
    pod.assertOwns("controller", """
        f:spec:
          f:containers:
            'k:{"name":"a"}':
              .: {}
              f:env:
                .: {}
                'k:{"name":"x"}': {}
                'k:{"name":"y"}': {.: {}, f:name: {}, f:value: {}}
              f:name: {}
        """);
  }

  @Test
  void applyingAnItemOverDuplicatesReplacesThemByOne() {
    Smd pod = Smd.pods().update("controller", """
        spec:
          containers:
          - name: a
            env: [{name: x, value: '1'}, {name: y, value: '3'}, {name: x, value: '2'}]
        """);
    pod.forceApply("one", "spec: {containers: [{name: a, env: [{name: x, value: '9'}]}]}");
    pod.assertObject("""
        spec:
          containers:
          - name: a
            env: [{name: x, value: '9'}, {name: y, value: '3'}]
        """);
    pod.assertOwns("one", """
        f:spec: {f:containers: {'k:{"name":"a"}': {.: {}, f:env: {'k:{"name":"x"}': {.: {}, f:name: {}, f:value: {}}},
          f:name: {}}}}
        """);
  }

  @Test
  void anAppliedConfigurationMayNotRepeatAKey() {
    assertThatThrownBy(() -> Smd.pods().apply("one", "spec: {containers: [{name: a}, {name: a}]}"))
        .isInstanceOf(TypedOps.InvalidItem.class);
  }
}
