package dev.kubemu.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubemu.core.registry.GroupVersionKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCatalogTest {
  private final SchemaCatalog catalog = SchemaCatalog.builtin();

  @Test
  void kindsResolveByGroupVersionKindWithTypeMeta() {
    Schema deployment = catalog.kind(new GroupVersionKind("apps", "v1", "Deployment")).orElseThrow();
    assertThat(deployment.name()).isEqualTo("io.k8s.api.apps.v1.Deployment");
    assertThat(deployment.fields().keySet()).containsExactly("apiVersion", "kind", "metadata", "spec", "status");
    assertThat(catalog.kind(new GroupVersionKind("", "v1", "Pod"))).isPresent();
    assertThat(catalog.kind(new GroupVersionKind("networking.k8s.io", "v1", "Ingress"))).isPresent();
    assertThat(catalog.kind(new GroupVersionKind("autoscaling", "v2", "HorizontalPodAutoscaler")).orElseThrow()
        .field("spec").schema().field("behavior")).isNotNull();
    assertThat(catalog.kind(new GroupVersionKind("autoscaling", "v1", "HorizontalPodAutoscaler")).orElseThrow()
        .field("spec").schema().field("targetCPUUtilizationPercentage")).isNotNull();
  }

  @Test
  void fieldsCarryTheirGoMarkers() {
    Schema container = catalog.definition("io.k8s.api.core.v1.Container").orElseThrow();
    Field ports = container.field("ports");
    assertThat(ports.schema().type()).isEqualTo(Schema.Type.ARRAY);
    assertThat(ports.listType()).isEqualTo("map");
    assertThat(ports.listMapKeys()).containsExactly("containerPort", "protocol");
    assertThat(ports.patchMergeKey()).isEqualTo("containerPort");
    assertThat(ports.mergesList()).isTrue();
    assertThat(container.field("name").required()).isTrue();
    assertThat(container.field("image").required()).isFalse();
    assertThat(container.field("resources").schema().field("requests").goType()).isEqualTo("v1.ResourceList");
    Schema spec = catalog.definition("io.k8s.api.apps.v1.DeploymentSpec").orElseThrow();
    assertThat(spec.field("strategy").retainsKeys()).isTrue();
    assertThat(spec.field("selector").required()).isTrue();
    assertThat(spec.field("progressDeadlineSeconds").required()).isFalse();
  }

  @Test
  void inlineEmbeddedStructsAppearAtTheirParentsLevel() {
    Schema volume = catalog.definition("io.k8s.api.core.v1.Volume").orElseThrow();
    assertThat(volume.field("configMap")).isNotNull();
    assertThat(volume.field("volumeSource")).isNull();
    Schema probe = catalog.definition("io.k8s.api.core.v1.Probe").orElseThrow();
    assertThat(probe.field("httpGet")).isNotNull();
    Schema selector = catalog.definition("io.k8s.api.core.v1.SecretKeySelector").orElseThrow();
    assertThat(selector.field("name")).isNotNull();
  }

  @Test
  void specialTypesKeepTheirJsonShape() {
    Schema container = catalog.definition("io.k8s.api.core.v1.Container").orElseThrow();
    assertThat(container.field("resources").schema().field("limits").schema().element().type())
        .isEqualTo(Schema.Type.QUANTITY);
    Schema servicePort = catalog.definition("io.k8s.api.core.v1.ServicePort").orElseThrow();
    assertThat(servicePort.field("targetPort").schema().type()).isEqualTo(Schema.Type.INT_OR_STRING);
    Schema meta = catalog.definition("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").orElseThrow();
    assertThat(meta.field("creationTimestamp").schema().type()).isEqualTo(Schema.Type.DATE_TIME);
    assertThat(meta.field("finalizers").listType()).isEqualTo("set");
  }

  @Test
  void badCatalogLinesFailWithTheLine() {
    assertThatThrownBy(() -> SchemaCatalog.parse(List.of("a.B", "  x a.Missing")))
        .hasMessageContaining("a.Missing");
    assertThatThrownBy(() -> SchemaCatalog.parse(List.of("a.B", "  x string wat=1")))
        .hasMessageContaining("wat=1");
  }
}
