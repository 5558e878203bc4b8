package dev.kubemu.controllers.statefulset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RevisionsAndRetentionTest {
  private static ObjectNode set(String retention) {
    return (ObjectNode) Json.parseTrusted(("{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":"
        + "{\"name\":\"db\",\"namespace\":\"default\",\"uid\":\"set-uid\",\"annotations\":{\"team\":\"a\"}},"
        + "\"spec\":{\"replicas\":1,\"persistentVolumeClaimRetentionPolicy\":" + retention + ",\"template\":"
        + "{\"metadata\":{\"labels\":{\"app\":\"db\"}},\"spec\":{\"containers\":[{\"name\":\"db\",\"image\":\"v1\"}]}}}}")
        .getBytes());
  }

  private static JsonNode json(String text) {
    return Json.parseTrusted(text.getBytes());
  }

  @Test
  void aRevisionCarriesAReplacePatchOfTheTemplateAndIsNamedByItsHash() {
    ObjectNode set = set("{}");
    ObjectNode data = Revisions.dataOf(set);
    assertThat(data.path("spec").path("template").path("$patch").asText()).isEqualTo("replace");
    assertThat(Revisions.templateOf(json("{\"data\":" + data + "}"))).isEqualTo(set.path("spec").path("template"));
    ObjectNode revision = Revisions.newRevision(set, data, 3, 0);
    String hash = revision.path("metadata").path("labels").path("controller-revision-hash").asText();
    assertThat(revision.path("metadata").path("name").asText()).isEqualTo("db-" + hash);
    assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]+");
    assertThat(revision.path("metadata").path("labels").path("app").asText()).isEqualTo("db");
    assertThat(revision.path("metadata").path("annotations").path("team").asText()).isEqualTo("a");
    assertThat(revision.path("metadata").path("ownerReferences").get(0).path("uid").asText()).isEqualTo("set-uid");
    assertThat(revision.path("revision").asLong()).isEqualTo(3);
    assertThat(Revisions.newRevision(set, data, 3, 1).path("metadata").path("name").asText())
        .as("a collision count changes the name").isNotEqualTo(revision.path("metadata").path("name").asText());
  }

  @Test
  void historyKeepsTheLimitOfNonLiveRevisionsDroppingTheOldest() {
    var history = new ArrayList<JsonNode>();
    for (int i = 1; i <= 5; i++) {
      history.add(json("{\"metadata\":{\"name\":\"r" + i + "\"},\"revision\":" + i + "}"));
    }
    List<JsonNode> sorted = Revisions.sorted(List.of(history.get(3), history.get(0), history.get(4), history.get(1),
        history.get(2)));
    assertThat(sorted).extracting(r -> r.path("revision").asInt()).containsExactly(1, 2, 3, 4, 5);
    assertThat(Revisions.surplus(sorted, Set.of("r5", "r2"), 1)).extracting(r -> r.path("metadata").path("name")
        .asText()).containsExactly("r1", "r3");
    assertThat(Revisions.surplus(sorted, Set.of("r5"), 10)).isEmpty();
  }

  @ParameterizedTest(name = "whenDeleted={0} whenScaled={1} scaledDown={2} → {3}")
  @CsvSource({
      "Retain, Retain, false, ''",
      "Retain, Retain, true, ''",
      "Delete, Retain, false, StatefulSet",
      "Delete, Retain, true, StatefulSet",
      "Retain, Delete, false, ''",
      "Retain, Delete, true, Pod",
      "Delete, Delete, false, StatefulSet",
      "Delete, Delete, true, Pod"})
  void claimOwnersFollowTheRetentionPolicy(String whenDeleted, String whenScaled, boolean scaledDown, String owner) {
    ObjectNode set = set("{\"whenDeleted\":\"" + whenDeleted + "\",\"whenScaled\":\"" + whenScaled + "\"}");
    JsonNode pod = json("{\"metadata\":{\"name\":\"db-0\",\"uid\":\"pod-uid\"}}");
    JsonNode claim = json("{\"metadata\":{\"name\":\"data-db-0\",\"ownerReferences\":[{\"apiVersion\":\"v1\","
        + "\"kind\":\"Pod\",\"name\":\"db-0\",\"uid\":\"pod-uid\",\"controller\":true,\"blockOwnerDeletion\":true},"
        + "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"keep\",\"uid\":\"other\"}]}}");
    ArrayNode owners = ClaimRetention.ownersFor(claim, set, pod, scaledDown);
    ArrayNode expected = owners == null ? (ArrayNode) claim.path("metadata").path("ownerReferences") : owners;
    assertThat(expected.get(0).path("uid").asText()).as("unrelated owners stay").isEqualTo("other");
    assertThat(expected.size() > 1 ? expected.get(1).path("kind").asText() : "").isEqualTo(owner);
  }

  @Test
  void aClaimAnotherObjectControlsIsLeftToIt() {
    ObjectNode set = set("{\"whenDeleted\":\"Delete\",\"whenScaled\":\"Retain\"}");
    JsonNode pod = json("{\"metadata\":{\"name\":\"db-0\",\"uid\":\"pod-uid\"}}");
    JsonNode claim = json("{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"Other\","
        + "\"name\":\"x\",\"uid\":\"x\",\"controller\":true}]}}");
    assertThat(ClaimRetention.ownersFor(claim, set, pod, false)).isNull();
  }
}
