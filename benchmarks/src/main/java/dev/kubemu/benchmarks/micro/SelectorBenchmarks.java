package dev.kubemu.benchmarks.micro;

import dev.kubemu.core.object.LabelSelector;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Label selectors: parsing kubectl's {@code -l} syntax and matching a pod's labels (done per object per list). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SelectorBenchmarks {
  private static final String TEXT = "app=web,tier in (frontend,backend),!canary,track!=beta";
  private final LabelSelector selector = LabelSelector.parse(TEXT);
  private final Map<String, String> matching = Map.of("app", "web", "tier", "frontend",
      "pod-template-hash", "5d8f7c9b4", "track", "stable");
  private final Map<String, String> other = Map.of("app", "db", "pod-template-hash", "7f9c6d5b8");

  @Benchmark
  public LabelSelector parse() {
    return LabelSelector.parse(TEXT);
  }

  @Benchmark
  public boolean matchHit() {
    return selector.matches(matching);
  }

  @Benchmark
  public boolean matchMiss() {
    return selector.matches(other);
  }
}
