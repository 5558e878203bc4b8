package dev.kubemu.benchmarks.scenarios;

import java.lang.management.ManagementFactory;

/** Heap in use after full collections: what live objects take, not what garbage happens to be around. */
final class Heap {
  private Heap() {}

  static long usedAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
  }
}
