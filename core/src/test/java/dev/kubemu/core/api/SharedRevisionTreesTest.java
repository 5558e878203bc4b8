package dev.kubemu.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.VersionedStore;
import dev.kubemu.core.time.VirtualClock;
import dev.kubemu.kinds.BuiltinTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes read the replaced revision's decoded tree in place, shared with every reader of that revision: no write may
 * change it, nor hand a part of it to the new revision that a later step changes.
 */
class SharedRevisionTreesTest {
  private VersionedStore store;
  private ResourceOperations operations;
  private ResourceType pods;
  private ResourceType services;
  private ResourceType hpas;

  private static ObjectNode json(String text) {
    return (ObjectNode) Json.parseTrusted(text.getBytes(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void setUp() {
    var registry = BuiltinTypes.registry();
    store = new VersionedStore();
    operations = new ResourceOperations(registry, store,
        new VirtualClock(Instant.parse("2030-01-01T00:00:00Z")), List.of(), new Random(1));
    pods = registry.find("", "v1", "pods").orElseThrow();
    services = registry.find("", "v1", "services").orElseThrow();
    hpas = registry.find("autoscaling", "v1", "horizontalpodautoscalers").orElseThrow();
  }

  private static String pod(String label) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"labels\":{\"rev\":\"" + label
        + "\"}},\"spec\":{\"tolerations\":[{\"key\":\"k\",\"operator\":\"Exists\",\"effect\":\"NoExecute\","
        + "\"tolerationSeconds\":30}],\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}";
  }

  /** Runs {@code write} against the current revision of {@code name} and checks that revision's tree is intact. */
  private void leavesTheReplacedTreeAlone(ResourceType type, String name, Consumer<StoredObject> write) {
    StoredObject before = operations.get(type, "default", name);
    String asStored = new String(before.json(), StandardCharsets.UTF_8);
    // the very tree the write reads as "old": looking it up again afterwards could decode a fresh one
    var shared = store.tree(before);
    assertThat(Json.string(shared)).isEqualTo(asStored);
    write.accept(before);
    StoredObject after = operations.get(type, "default", name);
    assertThat(after).isNotSameAs(before);
    assertThat(Json.string(shared)).as("the tree of the replaced revision").isEqualTo(asStored);
    assertThat(Json.string(store.tree(after))).as("the new revision's tree, untouched after the write")
        .isEqualTo(new String(after.json(), StandardCharsets.UTF_8));
  }

  @Test
  void updatesPatchesAppliesAndStatusWritesOfAPod() {
    operations.create(pods, "v1", "default", json(pod("0")), RequestContext.forUser());
    leavesTheReplacedTreeAlone(pods, "p", old -> operations.update(pods, "v1", "default", "p", json(pod("1")),
        RequestContext.forUser(), Target.MAIN));
    leavesTheReplacedTreeAlone(pods, "p", old -> operations.patch(pods, "v1", "default", "p", PatchType.STRATEGIC,
        json("{\"metadata\":{\"labels\":{\"rev\":\"2\"}},\"spec\":{\"tolerations\":[{\"key\":\"k\","
            + "\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":10}]}}"),
        RequestContext.forUser(), Target.MAIN));
    leavesTheReplacedTreeAlone(pods, "p", old -> {
      ObjectNode next = store.mutableTree(old);
      next.withObject("status").put("phase", "Running");
      operations.updateStored(pods, old, next, RequestContext.internal("kubelet"), Target.STATUS);
    });
    leavesTheReplacedTreeAlone(pods, "p", old -> operations.apply(pods, "v1", "default", "p",
        json("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"labels\":{\"team\":\"a\"}}}"),
        new RequestContext(false, "tester", RequestContext.FieldValidation.STRICT, "admin"), Target.MAIN));
    // the same manager writing the same fields again, as a controller does on every resync
    leavesTheReplacedTreeAlone(pods, "p", old -> operations.update(pods, "v1", "default", "p", json(pod("3")),
        RequestContext.forUser(), Target.MAIN));
  }

  @Test
  void aServiceUpdateKeepsItsAllocatedAddressWithoutSharingTheOldSpec() {
    operations.create(services, "v1", "default", json("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":"
        + "{\"name\":\"s\"},\"spec\":{\"type\":\"NodePort\",\"selector\":{\"app\":\"a\"},\"ports\":[{\"port\":80}]}}"),
        RequestContext.forUser());
    leavesTheReplacedTreeAlone(services, "s", old -> {
      WriteResult r = operations.update(services, "v1", "default", "s", json("{\"apiVersion\":\"v1\",\"kind\":"
          + "\"Service\",\"metadata\":{\"name\":\"s\"},\"spec\":{\"type\":\"NodePort\",\"selector\":{\"app\":\"b\"},"
          + "\"ports\":[{\"port\":80}]}}"), RequestContext.forUser(), Target.MAIN);
      assertThat(r.object().path("spec").path("clusterIP").asText()).isNotEmpty();
      assertThat(r.object().path("spec").path("ports").path(0).path("nodePort").asInt()).isPositive();
    });
  }

  @Test
  void theEncodedAnswerIsTheRenderedObject() {
    WriteResult created = operations.create(pods, "v1", "default", json(pod("0")), RequestContext.forUser());
    assertThat(created.encoded()).isEqualTo(operations.get(pods, "default", "p").json());
    WriteResult updated = operations.update(pods, "v1", "default", "p", json(pod("1")), RequestContext.forUser(),
        Target.MAIN);
    assertThat(new String(updated.encoded(), StandardCharsets.UTF_8))
        .isEqualTo(Json.string(updated.object()));
    // autoscaling/v1 is not the storage version: the answer is converted, not the stored bytes
    WriteResult hpa = operations.create(hpas, "v1", "default", json("{\"apiVersion\":\"autoscaling/v1\",\"kind\":"
        + "\"HorizontalPodAutoscaler\",\"metadata\":{\"name\":\"h\"},\"spec\":{\"scaleTargetRef\":{\"apiVersion\":"
        + "\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"web\"},\"maxReplicas\":5,"
        + "\"targetCPUUtilizationPercentage\":50}}"), RequestContext.forUser());
    String encoded = new String(hpa.encoded(), StandardCharsets.UTF_8);
    assertThat(encoded).startsWith("{\"kind\":\"HorizontalPodAutoscaler\",\"apiVersion\":\"autoscaling/v1\"")
        .contains("\"targetCPUUtilizationPercentage\":50");
    assertThat(Json.parseTrusted(hpa.encoded()))
        .isEqualTo(operations.render(hpas, "v1", operations.get(hpas, "default", "h")));
  }
}
