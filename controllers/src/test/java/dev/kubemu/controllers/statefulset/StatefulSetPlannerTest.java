package dev.kubemu.controllers.statefulset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.controllers.statefulset.StatefulSetPlanner.Plan;
import dev.kubemu.core.object.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulSetPlannerTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final JsonNode OLD_TEMPLATE = Json.parseTrusted(
      "{\"metadata\":{\"labels\":{\"app\":\"db\"}},\"spec\":{\"containers\":[{\"name\":\"db\",\"image\":\"v1\"}]}}"
          .getBytes());
  private static final JsonNode NEW_TEMPLATE = Json.parseTrusted(
      "{\"metadata\":{\"labels\":{\"app\":\"db\"}},\"spec\":{\"containers\":[{\"name\":\"db\",\"image\":\"v2\"}]}}"
          .getBytes());
  private static final StatefulSetPlanner.Revisions SAME =
      new StatefulSetPlanner.Revisions("db-old", OLD_TEMPLATE, "db-old", OLD_TEMPLATE);
  private static final StatefulSetPlanner.Revisions ROLLING =
      new StatefulSetPlanner.Revisions("db-old", OLD_TEMPLATE, "db-new", NEW_TEMPLATE);

  private static ObjectNode set(int replicas, String policy, String strategy) {
    return (ObjectNode) Json.parseTrusted(("{\"metadata\":{\"name\":\"db\",\"namespace\":\"default\",\"uid\":\"u1\","
        + "\"generation\":4},\"spec\":{\"replicas\":" + replicas + ",\"serviceName\":\"db\",\"podManagementPolicy\":\""
        + policy + "\",\"updateStrategy\":" + strategy + ",\"template\":" + NEW_TEMPLATE + "}}").getBytes());
  }

  private static ObjectNode set(int replicas, String policy) {
    return set(replicas, policy, "{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":0}}");
  }

  /** A member pod: {@code state} is Ready, Pending, Failed or Terminating. */
  private static JsonNode pod(int ordinal, String revision, String state) {
    String phase = switch (state) {
      case "Ready", "Terminating" -> "Running";
      default -> state;
    };
    String ready = state.equals("Ready") || state.equals("Terminating") ? "True" : "False";
    return Json.parseTrusted(("{\"metadata\":{\"name\":\"db-" + ordinal + "\",\"namespace\":\"default\",\"uid\":\"p"
        + ordinal + "\"," + (state.equals("Terminating") ? "\"deletionTimestamp\":\"2026-06-01T11:59:00Z\"," : "")
        + "\"labels\":{\"app\":\"db\",\"controller-revision-hash\":\"" + revision
        + "\",\"statefulset.kubernetes.io/pod-name\":\"db-" + ordinal + "\"}},\"spec\":{\"hostname\":\"db-" + ordinal
        + "\"},\"status\":{\"phase\":\"" + phase + "\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + ready
        + "\",\"lastTransitionTime\":\"2026-06-01T11:00:00Z\"}]}}").getBytes());
  }

  /** The plan's steps as {@code ACTION pod}, leaving out claim-owner alignment (a no-op for Retain sets). */
  private static List<String> steps(Plan plan) {
    var steps = new ArrayList<String>();
    for (var step : plan.steps()) {
      if (step.action() != StatefulSetPlanner.Action.ALIGN_CLAIMS) {
        steps.add(step.action() + " " + step.pod().path("metadata").path("name").asText());
      }
    }
    return steps;
  }

  @Test
  void orderedReadyCreatesOnlyTheFirstMissingMember() {
    Plan plan = StatefulSetPlanner.plan(set(3, "OrderedReady"), SAME, List.of(), NOW);
    assertThat(steps(plan)).containsExactly("CREATE_POD db-0");
    JsonNode created = plan.steps().get(0).pod();
    assertThat(created.path("metadata").path("labels").path("controller-revision-hash").asText()).isEqualTo("db-old");
    assertThat(created.path("metadata").path("labels").path("apps.kubernetes.io/pod-index").asText()).isEqualTo("0");
    assertThat(created.path("spec").path("subdomain").asText()).isEqualTo("db");
  }

  @Test
  void orderedReadyWaitsForAMemberThatIsNotReady() {
    Plan plan = StatefulSetPlanner.plan(set(3, "OrderedReady"), SAME,
        List.of(pod(0, "db-old", "Ready"), pod(1, "db-old", "Pending")), NOW);
    assertThat(steps(plan)).as("claims for the pending pod, nothing for db-2").containsExactly("CREATE_CLAIMS db-1");
    assertThat(plan.status().path("replicas").asInt()).isEqualTo(2);
    assertThat(plan.status().path("readyReplicas").asInt()).isEqualTo(1);
  }

  @Test
  void parallelCreatesEveryMissingMemberAndDoesNotWait() {
    Plan plan = StatefulSetPlanner.plan(set(3, "Parallel"), SAME, List.of(pod(1, "db-old", "Pending")), NOW);
    assertThat(steps(plan)).containsExactly("CREATE_POD db-0", "CREATE_CLAIMS db-1", "CREATE_POD db-2");
  }

  @Test
  void scaleDownRemovesOnlyTheHighestOrdinalWhileOrdered() {
    Plan plan = StatefulSetPlanner.plan(set(1, "OrderedReady"), SAME,
        List.of(pod(2, "db-old", "Ready"), pod(0, "db-old", "Ready"), pod(1, "db-old", "Ready")), NOW);
    assertThat(steps(plan)).containsExactly("DELETE_POD db-2");
    assertThat(plan.steps()).filteredOn(s -> s.action() == StatefulSetPlanner.Action.ALIGN_CLAIMS && s.condemned())
        .extracting(s -> s.pod().path("metadata").path("name").asText()).containsExactly("db-2", "db-1");
  }

  @Test
  void scaleDownWaitsWhileTheHighestMemberIsStillTerminating() {
    Plan plan = StatefulSetPlanner.plan(set(1, "OrderedReady"), SAME,
        List.of(pod(0, "db-old", "Ready"), pod(1, "db-old", "Ready"), pod(2, "db-old", "Terminating")), NOW);
    assertThat(steps(plan)).isEmpty();
  }

  @Test
  void parallelScaleDownRemovesEveryCondemnedMember() {
    Plan plan = StatefulSetPlanner.plan(set(1, "Parallel"), SAME,
        List.of(pod(0, "db-old", "Ready"), pod(1, "db-old", "Pending"), pod(2, "db-old", "Ready")), NOW);
    assertThat(steps(plan)).containsExactly("DELETE_POD db-2", "DELETE_POD db-1");
  }

  @Test
  void aRollingUpdateReplacesTheHighestOutdatedMemberFirst() {
    Plan plan = StatefulSetPlanner.plan(set(3, "OrderedReady"), ROLLING,
        List.of(pod(0, "db-old", "Ready"), pod(1, "db-old", "Ready"), pod(2, "db-old", "Ready")), NOW);
    assertThat(steps(plan)).containsExactly("DELETE_POD db-2");
    assertThat(plan.status().path("currentReplicas").asInt()).as("the deleted pod no longer counts").isEqualTo(2);
    assertThat(plan.status().path("updatedReplicas").asInt()).isZero();
  }

  @Test
  void aRollingUpdateRecreatesTheReplacedMemberAtTheUpdateRevision() {
    Plan plan = StatefulSetPlanner.plan(set(3, "OrderedReady"), ROLLING,
        List.of(pod(0, "db-old", "Ready"), pod(1, "db-old", "Ready")), NOW);
    assertThat(steps(plan)).containsExactly("CREATE_POD db-2");
    JsonNode created = plan.steps().get(plan.steps().size() - 1).pod();
    assertThat(created.path("metadata").path("labels").path("controller-revision-hash").asText()).isEqualTo("db-new");
    assertThat(created.path("spec").path("containers").get(0).path("image").asText()).isEqualTo("v2");
  }

  @Test
  void aPartitionStopsTheRollAndRecreatesLowerMembersAtTheCurrentRevision() {
    String partition2 = "{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":2}}";
    Plan rolled = StatefulSetPlanner.plan(set(3, "OrderedReady", partition2), ROLLING,
        List.of(pod(0, "db-old", "Ready"), pod(1, "db-old", "Ready"), pod(2, "db-new", "Ready")), NOW);
    assertThat(steps(rolled)).isEmpty();
    Plan recreated = StatefulSetPlanner.plan(set(3, "OrderedReady", partition2), ROLLING,
        List.of(pod(0, "db-old", "Ready"), pod(2, "db-new", "Ready")), NOW);
    JsonNode created = recreated.steps().get(recreated.steps().size() - 1).pod();
    assertThat(created.path("metadata").path("name").asText()).isEqualTo("db-1");
    assertThat(created.path("spec").path("containers").get(0).path("image").asText()).isEqualTo("v1");
  }

  @Test
  void onDeleteNeverReplacesOutdatedMembers() {
    Plan plan = StatefulSetPlanner.plan(set(2, "OrderedReady", "{\"type\":\"OnDelete\"}"), ROLLING,
        List.of(pod(0, "db-old", "Ready"), pod(1, "db-old", "Ready")), NOW);
    assertThat(steps(plan)).isEmpty();
  }

  @Test
  void aFailedMemberIsDeletedSoItCanBeRecreated() {
    Plan plan = StatefulSetPlanner.plan(set(2, "OrderedReady"), SAME,
        List.of(pod(0, "db-old", "Failed"), pod(1, "db-old", "Ready")), NOW);
    assertThat(steps(plan)).containsExactly("DELETE_POD db-0");
  }

  @Test
  void aDeletedSetOnlyReportsStatus() {
    ObjectNode set = set(3, "OrderedReady");
    ((ObjectNode) set.get("metadata")).put("deletionTimestamp", "2026-06-01T11:00:00Z");
    Plan plan = StatefulSetPlanner.plan(set, SAME, List.of(pod(0, "db-old", "Ready")), NOW);
    assertThat(plan.steps()).isEmpty();
    assertThat(plan.status().path("replicas").asInt()).isEqualTo(1);
  }

  @Test
  void podsWithoutAnOrdinalAreIgnored() {
    JsonNode stranger = Json.parseTrusted("{\"metadata\":{\"name\":\"db-x\"},\"status\":{\"phase\":\"Running\"}}"
        .getBytes());
    Plan plan = StatefulSetPlanner.plan(set(1, "OrderedReady"), SAME, List.of(stranger), NOW);
    assertThat(steps(plan)).containsExactly("CREATE_POD db-0");
    assertThat(plan.status().path("replicas").asInt()).isZero();
  }

  @Test
  void finishingCompletesARollOnlyWhenEveryDesiredMemberIsUpdatedAndReady() {
    ObjectNode set = set(2, "OrderedReady");
    Plan done = StatefulSetPlanner.plan(set, ROLLING, List.of(pod(0, "db-new", "Ready"), pod(1, "db-new", "Ready")),
        NOW);
    ObjectNode status = StatefulSetPlanner.finish(set, done.status(), 0);
    assertThat(status.path("currentRevision").asText()).isEqualTo("db-new");
    assertThat(status.path("currentReplicas").asInt()).isEqualTo(2);
    assertThat(Json.string(status)).isEqualTo("{\"observedGeneration\":4,\"replicas\":2,\"readyReplicas\":2,"
        + "\"currentReplicas\":2,\"updatedReplicas\":2,\"currentRevision\":\"db-new\",\"updateRevision\":\"db-new\","
        + "\"collisionCount\":0,\"availableReplicas\":2}");
    Plan halfway = StatefulSetPlanner.plan(set, ROLLING,
        List.of(pod(0, "db-old", "Ready"), pod(1, "db-new", "Pending")), NOW);
    ObjectNode partial = StatefulSetPlanner.finish(set, halfway.status(), 0);
    assertThat(partial.path("currentRevision").asText()).isEqualTo("db-old");
    assertThat(partial.has("updatedReplicas")).isTrue();
  }

  @Test
  void ordinalsParseOnlyTheSetsOwnNames() {
    assertThat(StatefulPods.ordinal("db", "db-12")).isEqualTo(12);
    assertThat(StatefulPods.ordinal("db", "db-")).isEqualTo(-1);
    assertThat(StatefulPods.ordinal("db", "dbx-1")).isEqualTo(-1);
    assertThat(StatefulPods.ordinal("db", "db-1a")).isEqualTo(-1);
    assertThat(StatefulPods.ordinal("db", "db-99999999999")).isEqualTo(-1);
    assertThat(StatefulPods.ordinal("web-db", "web-db-0")).isZero();
  }
}
