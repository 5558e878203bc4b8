package dev.kubemu.benchmarks.micro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.patch.PatchMeta;
import dev.kubemu.core.patch.StrategicMergePatch;
import dev.kubemu.kinds.BuiltinTypes;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A strategic merge patch as {@code kubectl apply} and {@code kubectl set image} send them to a running pod: a
 * label, a container image by merge key, an env var by merge key and a {@code $setElementOrder} directive.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StrategicMergeBenchmarks {
  private JsonNode pod;
  private JsonNode patch;
  private PatchMeta meta;

  @Setup(Level.Trial)
  public void load() {
    pod = Json.parseTrusted(Fixtures.runningPodJson());
    patch = Json.parseTrusted(("{\"metadata\":{\"labels\":{\"release\":\"canary\"}},\"spec\":{"
        + "\"$setElementOrder/containers\":[{\"name\":\"web\"}],"
        + "\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\","
        + "\"env\":[{\"name\":\"MODE\",\"value\":\"debug\"},{\"name\":\"LEVEL\",\"value\":\"3\"}]}]}}")
        .getBytes(StandardCharsets.UTF_8));
    meta = PatchMeta.of(BuiltinTypes.registry().find("", "v1", "pods").orElseThrow().schema("v1").orElseThrow());
  }

  @Benchmark
  public JsonNode patchPod() {
    return StrategicMergePatch.apply(pod, patch, meta);
  }
}
