package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.GroupResource;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.time.VirtualClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GarbageCollectionTest {
  private static final GroupResource CONFIGMAPS = new GroupResource("", "configmaps");
  private Emulator kube;
  private ResourceType configmaps;
  private final RequestContext user = RequestContext.forUser();

  @BeforeEach
  void start() {
    kube = Emulator.builder().http(false).clock(new VirtualClock(Instant.parse("2030-12-31T23:59:59Z"))).start();
    configmaps = kube.registry().find("", "v1", "configmaps").orElseThrow();
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private ObjectNode create(String name, ObjectNode owner, boolean blockOwnerDeletion) {
    ObjectNode cm = Json.object();
    cm.put("apiVersion", "v1");
    cm.put("kind", "ConfigMap");
    ObjectNode meta = cm.putObject("metadata");
    meta.put("name", name);
    if (owner != null) {
      ObjectNode ref = meta.putArray("ownerReferences").addObject();
      ref.put("apiVersion", "v1");
      ref.put("kind", "ConfigMap");
      ref.put("name", Meta.name(owner));
      ref.put("uid", Meta.uid(owner));
      ref.put("controller", true);
      ref.put("blockOwnerDeletion", blockOwnerDeletion);
    }
    return kube.operations().create(configmaps, "v1", "default", cm, user).object();
  }

  private boolean exists(String name) {
    return kube.store().get(CONFIGMAPS, "default", name) != null;
  }

  private void delete(String name, String policy) {
    kube.operations().delete(configmaps, "v1", "default", name, new DeleteOptions(null, policy, null, null, false),
        user);
  }

  @Test
  void backgroundDeletionRemovesDependentsAfterTheOwner() {
    ObjectNode owner = create("owner", null, false);
    ObjectNode child = create("child", owner, true);
    create("grandchild", child, true);
    delete("owner", "Background");
    assertThat(exists("owner")).isFalse();
    kube.awaitIdle();
    assertThat(exists("child")).isFalse();
    assertThat(exists("grandchild")).isFalse();
  }

  @Test
  void foregroundDeletionKeepsTheOwnerUntilItsDependentsAreGone() {
    ObjectNode owner = create("owner", null, false);
    create("child", owner, true);
    delete("owner", "Foreground");
    assertThat(exists("owner")).isTrue();
    kube.awaitIdle();
    assertThat(exists("child")).isFalse();
    assertThat(exists("owner")).isFalse();
  }

  @Test
  void orphanDeletionKeepsDependentsWithoutTheOwnerReference() {
    ObjectNode owner = create("owner", null, false);
    create("child", owner, true);
    delete("owner", "Orphan");
    kube.awaitIdle();
    assertThat(exists("owner")).isFalse();
    assertThat(exists("child")).isTrue();
    var child = kube.operations().getTree(configmaps, "default", "child");
    assertThat(child.path("metadata").has("ownerReferences")).isFalse();
  }

  @Test
  void anObjectCreatedWithAMissingOwnerIsCollected() {
    ObjectNode ghost = Json.object();
    ghost.putObject("metadata").put("name", "ghost").put("uid", "00000000-0000-0000-0000-000000000000");
    create("stray", ghost, false);
    kube.awaitIdle();
    assertThat(exists("stray")).isFalse();
  }
}
