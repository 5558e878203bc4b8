package dev.kubemu.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeStatusEventsTest {
  @Test
  void aHealthyNodeStartsWithTheKubeletsReasonsInOrder() {
    var node = NodeFactory.node(0, NodeShape.standard(), Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(NodeStatusEvents.startupReasons(node)).containsExactly("NodeHasSufficientMemory",
        "NodeHasNoDiskPressure", "NodeHasSufficientPID", "NodeAllocatableEnforced", "NodeReady");
  }

  @Test
  void statusMessagesUseTheKubeletsWording() {
    assertThat(NodeStatusEvents.statusMessage("node-2", "NodeNotSchedulable"))
        .isEqualTo("Node node-2 status is now: NodeNotSchedulable");
  }
}
