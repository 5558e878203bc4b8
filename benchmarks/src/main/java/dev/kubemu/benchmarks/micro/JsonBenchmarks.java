package dev.kubemu.benchmarks.micro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Json;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Decoding and encoding one running pod (about 2.5 KB of JSON), the unit of work of every read and write. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JsonBenchmarks {
  private byte[] podJson;
  private JsonNode pod;

  @Setup(Level.Trial)
  public void load() {
    podJson = Fixtures.runningPodJson();
    pod = Json.parseTrusted(podJson);
  }

  /** How the store decodes its own bytes on a tree-cache miss. */
  @Benchmark
  public JsonNode parseTrusted() {
    return Json.parseTrusted(podJson);
  }

  /** How request bodies are decoded (duplicate-key detection, exact big numbers). */
  @Benchmark
  public JsonNode parseStrict() throws IOException {
    return Json.MAPPER.readTree(podJson);
  }

  @Benchmark
  public byte[] serialize() {
    return Json.bytes(pod);
  }

  /** The private copy a writer gets of a stored tree. */
  @Benchmark
  public JsonNode deepCopy() {
    return pod.deepCopy();
  }
}
