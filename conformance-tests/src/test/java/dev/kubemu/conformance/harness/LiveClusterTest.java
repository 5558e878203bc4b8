package dev.kubemu.conformance.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Base for test classes that share one emulator (started as the launcher starts it) across their tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LiveClusterTest {
  protected TestCluster cluster;

  @BeforeAll
  void startCluster() {
    cluster = TestCluster.start();
  }

  @AfterAll
  void stopCluster() {
    cluster.close();
  }

  /** Runs kubectl and asserts it succeeded, showing what it printed when it did not. */
  protected CommandResult ok(KubectlClient kubectl, String... args) {
    CommandResult r = kubectl.run(cluster.kubeconfig(), args);
    assertThat(r.exitCode()).as("kubectl %s %s\n%s", kubectl.version(), String.join(" ", args), r.describe())
        .isZero();
    return r;
  }
}
