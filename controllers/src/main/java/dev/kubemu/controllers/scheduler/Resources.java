package dev.kubemu.controllers.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Quantity;

/** CPU (millicores), memory and ephemeral storage (bytes): what the NodeResourcesFit plugin accounts. */
record Resources(long milliCpu, long memory, long ephemeralStorage) {
  static final Resources ZERO = new Resources(0, 0, 0);

  Resources plus(Resources o) {
    return new Resources(milliCpu + o.milliCpu, memory + o.memory, ephemeralStorage + o.ephemeralStorage);
  }

  Resources minus(Resources o) {
    return new Resources(milliCpu - o.milliCpu, memory - o.memory, ephemeralStorage - o.ephemeralStorage);
  }

  Resources max(Resources o) {
    return new Resources(Math.max(milliCpu, o.milliCpu), Math.max(memory, o.memory),
        Math.max(ephemeralStorage, o.ephemeralStorage));
  }

  boolean isZero() {
    return milliCpu == 0 && memory == 0 && ephemeralStorage == 0;
  }

  /** Reads a {@code requests}/{@code allocatable} map; absent or malformed quantities count as zero. */
  static Resources of(JsonNode map) {
    return new Resources(milli(map.path("cpu")), whole(map.path("memory")), whole(map.path("ephemeral-storage")));
  }

  private static long milli(JsonNode q) {
    try {
      return q.isMissingNode() || q.isNull() ? 0 : Quantity.parse(q.asText()).milliValue();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static long whole(JsonNode q) {
    try {
      return q.isMissingNode() || q.isNull() ? 0 : Quantity.parse(q.asText()).longValue();
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
