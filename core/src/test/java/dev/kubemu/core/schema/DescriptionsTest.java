package dev.kubemu.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps descriptions.txt in step with builtin.schema: every entry must name a definition or field that exists, the
 * fields workshops explain most must be described, and the catch-all entries ({@code *#status}, ...) must only land
 * on fields they fit.
 */
class DescriptionsTest {
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  /** Scalar types the OpenAPI documents name and describe, although the catalog inlines them into fields. */
  private static final Set<String> OPENAPI_SCALARS = Set.of(
      "io.k8s.apimachinery.pkg.api.resource.Quantity",
      "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
      META + "Time",
      META + "MicroTime",
      "io.k8s.apimachinery.pkg.runtime.RawExtension",
      META + "FieldsV1");

  private final SchemaCatalog catalog = SchemaCatalog.builtin();
  private final Descriptions descriptions = Descriptions.builtin();

  @Test
  void everyEntryNamesAnExistingDefinitionOrField() {
    List<String> unknown = new ArrayList<>();
    for (String key : descriptions.keys()) {
      if (!exists(key)) {
        unknown.add(key);
      }
    }
    assertThat(unknown).as("entries of descriptions.txt naming no definition or field of builtin.schema").isEmpty();
  }

  @Test
  void noEntryIsWrittenTwice() throws IOException {
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (String line : resourceLines()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String key = line.substring(0, line.indexOf(": ")).trim();
      if (!seen.add(key)) {
        duplicates.add(key);
      }
    }
    assertThat(duplicates).as("keys described more than once (the later line would silently win)").isEmpty();
  }

  @Test
  void theFieldsWorkshopsExplainAreDescribed() {
    assertThat(descriptions.of("io.k8s.api.apps.v1.DeploymentSpec", "replicas")).hasValueSatisfying(
        text -> assertThat(text).contains("Defaults to 1"));
    assertThat(descriptions.of("io.k8s.api.core.v1.Container", "image")).isPresent();
    assertThat(descriptions.of("io.k8s.api.core.v1.ServicePort", "targetPort")).isPresent();
    assertThat(descriptions.of("io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec", "minReplicas")).isPresent();
    assertThat(descriptions.of("io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec", "minReplicas")).isPresent();
    assertThat(descriptions.of("io.k8s.api.apps.v1.Deployment")).isPresent();
    assertThat(descriptions.of("io.k8s.api.core.v1.Pod")).isPresent();
    assertThat(descriptions.of("io.k8s.api.apps.v1.StatefulSet", "apiVersion"))
        .as("fields every kind shares come from the *# entries").isPresent();
    assertThat(descriptions.of("io.k8s.api.core.v1.Pod", "no-such-field")).isEmpty();
  }

  @Test
  void everyFieldOfTheCoreWorkloadTypesIsDescribed() {
    List<String> undescribed = new ArrayList<>();
    for (String name : List.of(
        "io.k8s.api.apps.v1.Deployment", "io.k8s.api.apps.v1.DeploymentSpec", "io.k8s.api.apps.v1.DeploymentStatus",
        "io.k8s.api.apps.v1.StatefulSetSpec", "io.k8s.api.apps.v1.DaemonSetSpec", "io.k8s.api.core.v1.PodSpec",
        "io.k8s.api.core.v1.Container", "io.k8s.api.core.v1.Probe", "io.k8s.api.core.v1.ServiceSpec",
        "io.k8s.api.core.v1.ServicePort", "io.k8s.api.batch.v1.JobSpec", "io.k8s.api.batch.v1.CronJobSpec",
        "io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec", META + "ObjectMeta")) {
      Schema schema = catalog.definition(name).orElseThrow();
      if (descriptions.of(name).isEmpty()) {
        undescribed.add(name);
      }
      for (String field : schema.fields().keySet()) {
        if (descriptions.of(name, field).isEmpty()) {
          undescribed.add(name + "#" + field);
        }
      }
    }
    assertThat(undescribed).as("describe new fields when builtin.schema is regenerated").isEmpty();
  }

  @Test
  void catchAllEntriesOnlyLandOnObjectFields() {
    // "*#status" reads as "the observed state", so a condition's string status needs its own entry; "*#metadata"
    // describes object metadata, not a list's; "*#items" reads as "the objects in this list", so a ConfigMap
    // volume's items (keys to project) need their own entry too.
    List<String> misfits = new ArrayList<>();
    for (Schema schema : catalog.definitions()) {
      for (Field field : schema.fields().values()) {
        if (!descriptions.keys().contains(schema.name() + "#" + field.name()) && !fitsCatchAll(field)) {
          misfits.add(schema.name() + "#" + field.name());
        }
      }
    }
    assertThat(misfits).as("fields that would get a catch-all description meant for objects").isEmpty();
  }

  private static boolean fitsCatchAll(Field field) {
    Schema schema = field.schema();
    return switch (field.name()) {
      case "metadata" -> schema.type() == Schema.Type.OBJECT && schema.name().equals(META + "ObjectMeta");
      case "spec", "status" -> schema.type() == Schema.Type.OBJECT;
      case "items" -> schema.type() == Schema.Type.ARRAY
          && (schema.element().type() == Schema.Type.OBJECT || schema.element().type() == Schema.Type.ANY);
      default -> true;
    };
  }

  private boolean exists(String key) {
    int hash = key.indexOf('#');
    if (hash < 0) {
      return catalog.definition(key).isPresent() || OPENAPI_SCALARS.contains(key);
    }
    String definition = key.substring(0, hash);
    String field = key.substring(hash + 1);
    if (definition.equals("*")) {
      return catalog.definitions().stream().anyMatch(schema -> schema.field(field) != null);
    }
    return catalog.definition(definition).map(schema -> schema.field(field) != null).orElse(false);
  }

  private static List<String> resourceLines() throws IOException {
    try (InputStream in = Descriptions.class.getResourceAsStream("descriptions.txt")) {
      assertThat(in).as("descriptions.txt next to Descriptions").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
