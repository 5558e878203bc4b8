package dev.kubemu.benchmarks.micro;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.GroupResource;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.VersionedStore;
import dev.kubemu.core.store.WatchSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One write delivered to N watchers of the resource, each receiving the event and framing it as the HTTP watch
 * stream does ({@code {"type":...,"object":<stored bytes>}}). Delivery runs on the caller's thread here, so the
 * figure is the whole fan-out cost of one event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WatchFanOutBenchmarks {
  private static final GroupResource PODS = new GroupResource("", "pods");
  private static final byte[] PREFIX = "{\"type\":\"MODIFIED\",\"object\":".getBytes();

  @Param({"1", "100", "1000"})
  public int watchers;

  private VersionedStore store;
  private final List<WatchSubscription> subscriptions = new ArrayList<>();
  private int rev;

  @Setup(Level.Trial)
  public void watch(Blackhole blackhole) {
    store = new VersionedStore();
    ObjectNode pod = (ObjectNode) Json.parseTrusted(Fixtures.runningPodJson());
    store.compareAndSet(PODS, "default", Meta.name(pod), null, pod);
    for (int i = 0; i < watchers; i++) {
      subscriptions.add(store.watch(PODS, i % 2 == 0 ? null : "default", store.revision(), Runnable::run, e -> {
        byte[] json = e.object().json();
        byte[] line = new byte[PREFIX.length + json.length + 2];
        System.arraycopy(PREFIX, 0, line, 0, PREFIX.length);
        System.arraycopy(json, 0, line, PREFIX.length, json.length);
        line[line.length - 2] = '}';
        line[line.length - 1] = '\n';
        blackhole.consume(line);
      }));
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    subscriptions.forEach(WatchSubscription::close);
  }

  @Benchmark
  public StoredObject writeAndFanOut() {
    StoredObject current = store.list(PODS, "default", null).objects().get(0);
    ObjectNode changed = store.mutableTree(current);
    Meta.metaForWrite(changed).withObject("labels").put("rev", Integer.toString(rev++));
    return store.compareAndSet(PODS, "default", current.name(), current, changed);
  }
}
