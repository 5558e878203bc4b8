package dev.kubemu.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.DeleteOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.registry.GroupResource;
import dev.kubemu.core.time.VirtualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NamespaceDeletionTest {
  private static ObjectNode object(String apiVersion, String kind, String name) {
    ObjectNode o = Json.object();
    o.put("apiVersion", apiVersion);
    o.put("kind", kind);
    o.putObject("metadata").put("name", name);
    return o;
  }

  @Test
  void deletingANamespaceRemovesItsContentAndThenTheNamespace() {
    var clock = new VirtualClock(Instant.parse("2024-02-29T23:59:30Z"));
    try (Emulator kube = Emulator.builder().http(false).clock(clock).start()) {
      var ops = kube.operations();
      var namespaces = kube.registry().find("", "v1", "namespaces").orElseThrow();
      var configmaps = kube.registry().find("", "v1", "configmaps").orElseThrow();
      var user = RequestContext.forUser();
      ops.create(namespaces, "v1", null, object("v1", "Namespace", "demo"), user);
      ops.create(configmaps, "v1", "demo", object("v1", "ConfigMap", "c1"), user);
      ops.create(configmaps, "v1", "demo", object("v1", "ConfigMap", "c2"), user);

      var marked = ops.delete(namespaces, "v1", null, "demo", DeleteOptions.defaults(), user);
      assertThat(marked.removed()).isFalse();
      assertThat(marked.object().path("status").path("phase").asText()).isEqualTo("Terminating");

      kube.awaitIdle();

      assertThat(kube.store().get(new GroupResource("", "configmaps"), "demo", "c1")).isNull();
      assertThat(kube.store().get(new GroupResource("", "configmaps"), "demo", "c2")).isNull();
      assertThat(kube.store().get(new GroupResource("", "namespaces"), "", "demo")).isNull();
    }
  }
}
