package dev.kubemu.benchmarks.micro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.GroupResource;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.VersionedStore;
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
 * The versioned store on its own: a write (encode once, stamp the revision, record the event) and the reads every
 * request makes (get by key, the decoded tree from the cache, a namespace scan), with 10,000 pods stored.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StoreBenchmarks {
  private static final GroupResource PODS = new GroupResource("", "pods");
  private static final int OBJECTS = 10_000;

  private VersionedStore store;
  private ObjectNode template;
  private int next;

  @Setup(Level.Trial)
  public void fill() {
    store = new VersionedStore();
    template = (ObjectNode) Json.parseTrusted(Fixtures.runningPodJson());
    for (int i = 0; i < OBJECTS; i++) {
      store.compareAndSet(PODS, "default", "pod-" + i, null, named("pod-" + i));
    }
  }

  private ObjectNode named(String name) {
    ObjectNode pod = template.deepCopy();
    Meta.metaForWrite(pod).put("name", name);
    return pod;
  }

  /** Replaces one pod with a changed copy: the store's whole write path (encode, stamp, window, fan-out to none). */
  @Benchmark
  public StoredObject write() {
    String name = "pod-" + (next++ % OBJECTS);
    StoredObject current = store.get(PODS, "default", name);
    ObjectNode changed = store.mutableTree(current);
    Meta.metaForWrite(changed).withObject("labels").put("rev", Integer.toString(next));
    return store.compareAndSet(PODS, "default", name, current, changed);
  }

  @Benchmark
  public StoredObject get() {
    return store.get(PODS, "default", "pod-" + (next++ % OBJECTS));
  }

  /** A read that needs the decoded object (a controller or a printer): a cache hit for recently written pods. */
  @Benchmark
  public JsonNode getTree() {
    return store.tree(store.get(PODS, "default", "pod-" + (next++ % OBJECTS)));
  }

  /** A snapshot of all 10,000 keys in one namespace, as a list request starts. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int listNamespace() {
    return store.list(PODS, "default", null).objects().size();
  }
}
