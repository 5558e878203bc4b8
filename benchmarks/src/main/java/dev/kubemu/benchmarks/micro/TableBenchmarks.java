package dev.kubemu.benchmarks.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.printing.PrinterColumn;
import dev.kubemu.core.printing.TableConverter;
import dev.kubemu.kinds.BuiltinTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Server-side printing: a {@code meta.k8s.io/v1 Table} of 1,000 running pods with kube-apiserver's pod columns
 * (including the wide ones), each row carrying the object's metadata as kubectl asks, encoded to bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TableBenchmarks {
  private static final int ROWS = 1_000;

  private List<JsonNode> pods;
  private List<PrinterColumn> columns;
  private Instant now;

  @Setup(Level.Trial)
  public void load() {
    ObjectNode pod = (ObjectNode) Json.parseTrusted(Fixtures.runningPodJson());
    pods = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      ObjectNode copy = pod.deepCopy();
      Meta.metaForWrite(copy).put("name", "web-" + i);
      pods.add(copy);
    }
    columns = BuiltinTypes.registry().find("", "v1", "pods").orElseThrow().printerColumns();
    now = Instant.now().plusSeconds(3600);
  }

  @Benchmark
  public byte[] podTable1000() {
    ObjectNode table = TableConverter.table(columns, true);
    for (JsonNode pod : pods) {
      TableConverter.addRow(table, columns, pod, pod, TableConverter.IncludeObject.METADATA, now);
    }
    return Json.bytes(table);
  }
}
