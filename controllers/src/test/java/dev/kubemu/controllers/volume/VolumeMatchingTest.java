package dev.kubemu.controllers.volume;

import static dev.kubemu.controllers.volume.Fixtures.claim;
import static dev.kubemu.controllers.volume.Fixtures.claimRef;
import static dev.kubemu.controllers.volume.Fixtures.name;
import static dev.kubemu.controllers.volume.Fixtures.volume;
import static dev.kubemu.controllers.volume.Fixtures.withStatusPhase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VolumeMatchingTest {
  static Stream<Arguments> controllerChoices() {
    ObjectNode rwo = claim("data", "1Gi", "ReadWriteOnce", "'storageClassName':'',");
    return Stream.of(
        Arguments.of("the smallest that fits", rwo, List.of(volume("a", "5Gi", "ReadWriteOnce", ""),
            volume("b", "2Gi", "ReadWriteOnce", ""), volume("c", "500Mi", "ReadWriteOnce", "")), false, "b"),
        Arguments.of("equal sizes: the first name", rwo, List.of(volume("b", "1Gi", "ReadWriteOnce", ""),
            volume("a", "1Gi", "ReadWriteOnce", "")), false, "a"),
        Arguments.of("exact mode set before a bigger set, even if larger", rwo,
            List.of(volume("multi", "1Gi", "ReadWriteOnce,ReadOnlyMany", ""), volume("exact", "9Gi", "ReadWriteOnce",
                "")), false, "exact"),
        Arguments.of("a superset of modes still fits", rwo,
            List.of(volume("multi", "1Gi", "ReadWriteOnce,ReadWriteMany", "")), false, "multi"),
        Arguments.of("missing mode", claim("data", "1Gi", "ReadWriteMany", "'storageClassName':'',"),
            List.of(volume("rwo", "1Gi", "ReadWriteOnce", "")), false, null),
        Arguments.of("class must match", claim("data", "1Gi", "ReadWriteOnce", "'storageClassName':'fast',"),
            List.of(volume("none", "1Gi", "ReadWriteOnce", ""), volume("fast", "1Gi", "ReadWriteOnce",
                "'storageClassName':'fast',")), false, "fast"),
        Arguments.of("volume mode must match", rwo,
            List.of(volume("block", "1Gi", "ReadWriteOnce", "'volumeMode':'Block',")), false, null),
        Arguments.of("only Available volumes", rwo,
            List.of(withStatusPhase(volume("released", "1Gi", "ReadWriteOnce", ""), "Released")), false, null),
        Arguments.of("claimed by another claim", rwo,
            List.of(volume("taken", "1Gi", "ReadWriteOnce", claimRef("other", true))), false, null),
        Arguments.of("pre-bound to this claim wins over a smaller one", rwo,
            List.of(volume("small", "1Gi", "ReadWriteOnce", ""), volume("mine", "3Gi", "ReadWriteOnce",
                claimRef("data", false))), false, "mine"),
        Arguments.of("pre-bound by name even if Pending and of another class", rwo,
            List.of(withStatusPhase(volume("mine", "3Gi", "ReadWriteOnce", claimRef("data", false)
                + "'storageClassName':'x',"), "Pending")), false, "mine"),
        Arguments.of("delayed binding: only pre-bound volumes", rwo,
            List.of(volume("free", "1Gi", "ReadWriteOnce", "")), true, null),
        Arguments.of("delayed binding: the provisioned volume", rwo,
            List.of(volume("pvc-uid-data", "1Gi", "ReadWriteOnce", claimRef("data", true))), true, "pvc-uid-data"),
        Arguments.of("selector on labels", claim("data", "1Gi", "ReadWriteOnce",
            "'storageClassName':'','selector':{'matchLabels':{'tier':'db'}},"), List.of(
            volume("plain", "1Gi", "ReadWriteOnce", ""), labelled(volume("db", "2Gi", "ReadWriteOnce", ""))), false,
            "db"));
  }

  private static ObjectNode labelled(ObjectNode volume) {
    ((ObjectNode) volume.get("metadata")).putObject("labels").put("tier", "db");
    return volume;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("controllerChoices")
  void theControllerPicks(String why, JsonNode claim, List<JsonNode> volumes, boolean delay, String expected) {
    assertThat(name(VolumeMatching.bestMatch(claim, volumes, delay))).isEqualTo(expected);
  }

  @Test
  void aVolumeBeingDeletedIsNeverChosen() {
    ObjectNode going = volume("going", "1Gi", "ReadWriteOnce", "");
    ((ObjectNode) going.get("metadata")).put("deletionTimestamp", "2030-01-01T00:00:00Z");
    assertThat(VolumeMatching.bestMatch(claim("data", "1Gi", "ReadWriteOnce", "'storageClassName':'',"),
        List.of(going), false)).isNull();
  }

  @Test
  void onTheSchedulersPathTheNodeDecidesAndDelayedBindingDoesNotHoldBack() {
    ObjectNode claim = claim("data", "1Gi", "ReadWriteOnce", "'storageClassName':'local',");
    List<JsonNode> volumes = List.of(volume("on-1", "1Gi", "ReadWriteOnce", "'storageClassName':'local',"),
        volume("on-2", "1Gi", "ReadWriteOnce", "'storageClassName':'local',"));
    assertThat(name(VolumeMatching.findMatching(claim, volumes, pv -> name(pv).equals("on-2"), Set.of(), true)))
        .isEqualTo("on-2");
    assertThat(name(VolumeMatching.findMatching(claim, volumes, pv -> true, Set.of("on-1"), true)))
        .as("chosen for another claim of the pod").isEqualTo("on-2");
    assertThat(VolumeMatching.findMatching(claim, List.of(volume("rox", "1Gi", "ReadOnlyMany",
        "'storageClassName':'local',")), pv -> true, Set.of(), true)).as("modes checked here").isNull();
    ObjectNode preBound = volume("mine", "1Gi", "ReadWriteOnce", claimRef("data", true));
    assertThat(VolumeMatching.findMatching(claim, List.of(preBound, volumes.get(0)), pv -> name(pv).equals("on-1"),
        Set.of(), true)).as("a pre-bound volume the node cannot use means no match").isNull();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("mismatches")
  void theReasonANamedVolumeDoesNotFit(JsonNode volume, String expected) {
    assertThat(VolumeMatching.mismatch(volume, claim("data", "2Gi", "ReadWriteOnce,ReadOnlyMany",
        "'storageClassName':'',"))).isEqualTo(expected);
  }

  static Stream<Arguments> mismatches() {
    return Stream.of(
        Arguments.of(volume("pv", "1Gi", "ReadWriteOnce,ReadOnlyMany", ""), "requested PV is too small"),
        Arguments.of(volume("pv", "2Gi", "ReadWriteOnce,ReadOnlyMany", "'storageClassName':'x',"),
            "storageClassName does not match"),
        Arguments.of(volume("pv", "2Gi", "ReadWriteOnce,ReadOnlyMany", "'volumeMode':'Block',"),
            "incompatible volumeMode"),
        Arguments.of(volume("pv", "2Gi", "ReadWriteOnce", ""), "incompatible accessMode"),
        Arguments.of(volume("pv", "2Gi", "ReadOnlyMany,ReadWriteOnce", ""), null));
  }
}
