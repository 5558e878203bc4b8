package dev.kubemu.benchmarks.scenarios;

import dev.kubemu.benchmarks.report.Report;
import dev.kubemu.benchmarks.report.Samples;
import dev.kubemu.core.api.ListOptions;
import dev.kubemu.core.api.RequestContext;
import dev.kubemu.core.api.Target;
import dev.kubemu.core.object.FieldSelector;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.WatchSubscription;
import dev.kubemu.emulator.Emulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How memory and time grow with the number of objects and of watchers, at 1k, 10k and 100k: per-object heap and
 * create time, the time to list everything, and per-watcher heap and fan-out time. Flat per-unit figures mean
 * linear growth; rising ones would mean something quadratic.
 */
final class GrowthScenarios {
  private static final int[] STEPS = {1_000, 10_000, 100_000};

  void run(Report report) {
    var objects = report.section("Growth with objects (Running pods through the write pipeline, one emulator)",
        "pods stored", "heap after GC", "heap per pod", "create + status per pod", "list all (in-process)",
        "list per pod");
    long heap100k;
    try (Emulator kube = Emulator.builder().http(false).nodes(0).systemAddons(false).start()) {
      ResourceType pods = kube.registry().find("", "v1", "pods").orElseThrow();
      var filler = new PodFiller(kube);
      long baseline = Heap.usedAfterGc();
      int stored = 0;
      long lastHeap = 0;
      for (int step : STEPS) {
        long start = System.nanoTime();
        filler.fill(step - stored, 100);
        double perPodUs = (System.nanoTime() - start) / 1e3 / (step - stored);
        stored = step;
        Settle.awaitIdle(kube);
        lastHeap = Heap.usedAfterGc() - baseline;
        var listTimes = new ArrayList<Double>();
        for (int i = 0; i < 5; i++) {
          long t = System.nanoTime();
          int n = kube.operations().list(pods, null, ListOptions.everything()).items().size();
          listTimes.add((System.nanoTime() - t) / 1e6);
          if (n != stored) {
            throw new IllegalStateException("listed " + n + " pods, expected " + stored);
          }
        }
        Samples list = Samples.of(listTimes);
        objects.row(String.format(Locale.ROOT, "%,d", step), Heap.mib(lastHeap),
            String.format(Locale.ROOT, "%,.0f B", (double) lastHeap / step), Samples.format(perPodUs) + " µs",
            list.summary("ms"), Samples.format(list.median() * 1000 / step) + " µs");
      }
      heap100k = lastHeap;
    }
    objects.note("Heap is measured after full GCs, relative to the empty emulator; it includes the store, the watch "
        + "window, the decoded-tree cache and the controllers' indexes. Target: 100,000 pods under 1 GiB: "
        + Heap.mib(heap100k) + " — " + (heap100k < (1L << 30) ? "met." : "**not met**."));
    report.print(objects);
    watchers(report);
  }

  static ListOptions fromNow(Emulator kube) {
    return new ListOptions(LabelSelector.everything(), FieldSelector.everything(), 0, null,
        Long.toString(kube.store().revision()));
  }

  private void watchers(Report report) {
    var section = report.section("Growth with watchers (in-process watches on all pods, events delivered on the "
        + "writer's thread)", "watchers", "heap per watcher", "one write delivered to all", "per delivery");
    try (Emulator kube = Emulator.builder().http(false).nodes(0).systemAddons(false).start()) {
      ResourceType pods = kube.registry().find("", "v1", "pods").orElseThrow();
      new PodFiller(kube).fill(100, 10);
      Settle.awaitIdle(kube);
      StoredObject target = kube.operations().list(pods, "load-0", ListOptions.everything()).items().get(0);
      var delivered = new AtomicLong();
      List<WatchSubscription> subscriptions = new ArrayList<>();
      long baseline = Heap.usedAfterGc();
      try {
        for (int step : STEPS) {
          while (subscriptions.size() < step) {
            subscriptions.add(kube.operations().watch(pods, null,
                fromNow(kube),
                Runnable::run, e -> delivered.incrementAndGet()));
          }
          long heap = Heap.usedAfterGc() - baseline;
          int writes = Math.max(20, 2_000_000 / step);
          var ctx = RequestContext.internal("bench");
          long before = delivered.get();
          long start = System.nanoTime();
          for (int i = 0; i < writes; i++) {
            StoredObject current = kube.store().get(pods.storageResource(), target.namespace(), target.name());
            var next = kube.store().mutableTree(current);
            Meta.metaForWrite(next).withObject("annotations").put("bench/write", Integer.toString(i));
            kube.operations().updateStored(pods, current, next, ctx, Target.MAIN);
          }
          double perWriteUs = (System.nanoTime() - start) / 1e3 / writes;
          long got = delivered.get() - before;
          if (got != (long) writes * step) {
            throw new IllegalStateException("delivered " + got + " events, expected " + (long) writes * step);
          }
          section.row(String.format(Locale.ROOT, "%,d", step),
              String.format(Locale.ROOT, "%,.0f B", (double) heap / step), Samples.format(perWriteUs) + " µs",
              String.format(Locale.ROOT, "%.0f ns", perWriteUs * 1000 / step));
        }
      } finally {
        subscriptions.forEach(WatchSubscription::close);
      }
    }
    report.print(section);
  }
}
