package dev.kubemu.benchmarks.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StampScannerTest {
  private static final String EVENTS = "{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"annotations\":"
      + "{\"bench.kubemu.dev/sent\":\"123\"}}}}\n"
      + "{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{\"resourceVersion\":\"9\"}}}\n"
      + "{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"annotations\":{\"x\":\"\\\"\","
      + "\"bench.kubemu.dev/sent\":\"4567\"}}}}\n";

  @Test
  void findsEveryStampWhereverTheChunksSplitTheStream() {
    byte[] all = EVENTS.getBytes(StandardCharsets.UTF_8);
    for (int split = 0; split <= all.length; split++) {
      List<Long> stamps = new ArrayList<>();
      var scanner = new WatchLatencyScenario.StampScanner(stamps::add);
      scanner.scan(Arrays.copyOfRange(all, 0, split));
      scanner.scan(Arrays.copyOfRange(all, split, all.length));
      assertEquals(List.of(123L, 4567L), stamps, "split at " + split);
    }
  }
}
