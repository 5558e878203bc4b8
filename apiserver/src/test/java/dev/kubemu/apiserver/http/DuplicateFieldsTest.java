package dev.kubemu.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubemu.core.api.DuplicateField;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Members set twice, found in the tokens of JSON and YAML bodies, with what each strict decoder reports of them. */
class DuplicateFieldsTest {
  private static List<DuplicateField> json(String text) {
    return DuplicateFields.inJson(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<DuplicateField> yaml(String text) {
    return DuplicateFields.inYaml(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void jsonDuplicatesByPathKeyAndLine() {
    assertThat(json("{\"spec\":{\"replicas\":1,\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\",\"name\":"
        + "\"b\"}]}},\"replicas\":2}}")).containsExactly(
            new DuplicateField("spec.template.spec.containers[0].name", "name", 1, 0),
            new DuplicateField("spec.replicas", "replicas", 1, 1));
    assertThat(json("{\"a\":1,\n\"a\":\n  2}")).containsExactly(new DuplicateField("a", "a", 3, 0));
    assertThat(json("{\"a\":1}")).isEmpty();
    assertThat(json("{bad")).isEmpty();
  }

  @Test
  void aDuplicateIsDecodedAfterWhatItsValueHolds() {
    // YAML's decoder reports the inner duplicate first, then the outer one, once it has read the outer value
    List<DuplicateField> found = json("{\"a\":{},\"a\":{\"x\":1,\"x\":2}}");
    assertThat(found).extracting(DuplicateField::path).containsExactly("a", "a.x");
    assertThat(found).extracting(DuplicateField::decodedAt).containsExactly(1, 0);
  }

  @Test
  void yamlDuplicatesWithTheLineOfTheSecondValue() {
    assertThat(yaml("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a
          name: b
        data:
          k: "1"
          list:
          - {x: 1, x: 2}
          k:
            nested: 1
        """)).containsExactly(
            new DuplicateField("metadata.name", "name", 5, 0),
            new DuplicateField("data.list[0].x", "x", 9, 1),
            new DuplicateField("data.k", "k", 11, 2));
    assertThat(yaml("a: 1\n---\nb: 1\nb: 2\n")).as("only the first document is decoded").isEmpty();
  }
}
