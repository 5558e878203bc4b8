package dev.kubemu.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.object.Json;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.GroupResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The in-memory object store, versioned like etcd: one global, strictly increasing revision stamps every write of
 * every resource. Objects are kept as their encoded JSON bytes (compact, and what clients receive); decoded trees
 * are cached in a bounded cache for the readers that need them.
 *
 * <p>Writes are compare-and-set against the revision the writer read ({@link #compareAndSet}) and are serialized by
 * one short critical section. Each resource keeps a bounded window of recent events, so watches can resume from a
 * resourceVersion or are told it is too old (410), as kube-apiserver's watch cache does. Thread-safe.
 */
public final class VersionedStore {
  /** Events retained per resource for watches that resume from a resourceVersion. */
  public static final int DEFAULT_WINDOW = 10_000;

  /**
   * Heap the decoded-tree cache may take by default: the trees of about 10,000 running pods, the working set of the
   * controllers and of a Table over that many rows, while 100,000 stored pods stay well under 1 GiB in all.
   */
  public static final long DEFAULT_TREE_CACHE_BYTES = 256L << 20;

  /**
   * A Jackson tree takes about this many times the heap of its JSON (measured: a running pod with managed fields,
   * 3.9 KB of JSON, decodes to 25 KB of nodes, maps and strings).
   */
  static final int TREE_BYTES_PER_JSON_BYTE = 6;

  /** The part of the tree cache's budget (one in this many bytes) given to just-replaced revisions. */
  private static final int SUPERSEDED_SHARE = 8;

  private final Object writeLock = new Object();
  private final Map<GroupResource, Table> tables = new ConcurrentHashMap<>();
  private final int windowSize;
  private final LoadingCache<StoredObject, JsonNode> trees;
  private final RecentTrees supersededTrees;
  private volatile long revision;

  public VersionedStore() {
    this(DEFAULT_WINDOW, DEFAULT_TREE_CACHE_BYTES);
  }

  /**
   * @param windowSize      events kept per resource for resuming watches
   * @param treeCacheBytes  heap the cached decoded trees may take, estimated from the size of their JSON
   */
  public VersionedStore(int windowSize, long treeCacheBytes) {
    if (windowSize < 1) {
      throw new IllegalArgumentException("windowSize must be at least 1, was " + windowSize);
    }
    this.windowSize = windowSize;
    this.trees = Caffeine.newBuilder()
        .weakKeys()
        .maximumWeight(treeCacheBytes)
        .weigher((StoredObject o, JsonNode n) -> o.json().length * TREE_BYTES_PER_JSON_BYTE)
        .executor(Runnable::run)
        .build(o -> Json.parseTrusted(o.json()));
    this.supersededTrees = new RecentTrees(treeCacheBytes / SUPERSEDED_SHARE);
  }

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** The current global revision: the resourceVersion of the newest write. */
  public long revision() {
    return revision;
  }

  /**
   * The decoded object. The tree is shared and must be treated as read-only; use {@link #mutableTree} to change
   * it.
   */
  public JsonNode tree(StoredObject object) {
    if (object.superseded()) {
      JsonNode recent = supersededTrees.get(object);
      if (recent != null) {
        return recent;
      }
    }
    return trees.get(object);
  }

  /** A private, mutable copy of the decoded object. */
  public ObjectNode mutableTree(StoredObject object) {
    return (ObjectNode) tree(object).deepCopy();
  }

  /** Moves a replaced revision's tree out of the main cache, where it would crowd out current ones. */
  private void retire(StoredObject replaced) {
    JsonNode tree = trees.getIfPresent(replaced);
    if (tree != null) {
      assert unchanged(tree, replaced) : "a write changed the shared tree of the revision it replaced: "
          + replaced.name() + " at " + replaced.resourceVersion();
      trees.invalidate(replaced);
      supersededTrees.put(replaced, tree);
    }
  }

  /**
   * Whether a cached tree still says what its revision's bytes say. Trees are shared read-only; this check (run only
   * with assertions on, as in tests) catches a write that changed the revision it replaced.
   */
  private static boolean unchanged(JsonNode tree, StoredObject revision) {
    Comparator<JsonNode> sameValue = (a, b) -> a.equals(b)
        || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0) ? 0 : 1;
    return tree.equals(sameValue, Json.parseTrusted(revision.json()));
  }

  public StoredObject get(GroupResource resource, String namespace, String name) {
    Table t = tables.get(resource);
    return t == null ? null : t.objects.get(key(namespace, name));
  }

  /**
   * The objects of one resource (in one namespace when {@code namespace} is not null), in key order, starting
   * after {@code afterKey} when it is not null, together with the revision they were read at.
   */
  public Snapshot list(GroupResource resource, String namespace, String afterKey) {
    Table t = table(resource);
    synchronized (writeLock) {
      var range = namespace == null ? t.objects : t.objects.subMap(namespace + "/", namespace + "0");
      if (afterKey != null) {
        range = range.tailMap(afterKey, false);
      }
      return new Snapshot(revision, new ArrayList<>(range.values()));
    }
  }

  /** The number of objects stored for a resource. */
  public int count(GroupResource resource) {
    Table t = tables.get(resource);
    return t == null ? 0 : t.objects.size();
  }

  /**
   * Writes {@code next} for {@code namespace/name} if the stored object is still {@code expected} (null: it must
   * not exist). {@code next == null} deletes. The store sets {@code metadata.resourceVersion} on {@code next},
   * which the caller hands over and must not touch afterwards.
   *
   * @return the stored revision; for a delete, the last state stamped with the deletion's resourceVersion
   * @throws StoreConflictException when the stored object is not {@code expected}
   */
  public StoredObject compareAndSet(GroupResource resource, String namespace, String name, StoredObject expected,
      ObjectNode next) {
    Table t = table(resource);
    String key = key(namespace, name);
    synchronized (writeLock) {
      StoredObject current = t.objects.get(key);
      if (current != expected) {
        throw new StoreConflictException(current);
      }
      if (next == null && current == null) {
        throw new StoreConflictException(null);
      }
      long rv = revision + 1;
      if (current != null) {
        current.supersede();
      }
      StoredObject stored;
      WatchEvent event;
      if (next == null) {
        ObjectNode last = mutableTree(current);
        Meta.metaForWrite(last).put("resourceVersion", Long.toString(rv));
        stored = new StoredObject(namespace, name, rv, Json.bytes(last));
        t.objects.remove(key);
        retire(current);
        // the deleted object's last state: watchers decode it right away, nobody later
        stored.supersede();
        supersededTrees.put(stored, last);
        event = new WatchEvent(WatchEvent.Type.DELETED, stored, current);
      } else {
        Meta.metaForWrite(next).put("resourceVersion", Long.toString(rv));
        stored = new StoredObject(namespace, name, rv, Json.bytes(next));
        if (current != null) {
          retire(current);
        }
        trees.put(stored, next);
        t.objects.put(key, stored);
        event = new WatchEvent(current == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED, stored, current);
      }
      revision = rv;
      t.record(event, windowSize);
      t.publish(event);
      return stored;
    }
  }

  /**
   * Starts a watch on one resource (optionally one namespace). With {@code fromRevision} 0 every current object is
   * first delivered as ADDED; otherwise every retained change after {@code fromRevision} is replayed. Events reach
   * {@code sink} in revision order, one at a time, on {@code executor}.
   *
   * @throws dev.kubemu.core.errors.ApiException 410 Expired when {@code fromRevision} is older than the window
   */
  public WatchSubscription watch(GroupResource resource, String namespace, long fromRevision, Executor executor,
      Consumer<WatchEvent> sink) {
    return watch(resource, namespace, fromRevision, false, executor, sink);
  }

  /**
   * Like {@link #watch(GroupResource, String, long, Executor, Consumer)}; with {@code markInitialEnd} the replay of
   * current objects (from revision 0) is followed by a BOOKMARK event at the snapshot revision, for the streaming
   * lists of {@code sendInitialEvents}.
   */
  public WatchSubscription watch(GroupResource resource, String namespace, long fromRevision, boolean markInitialEnd,
      Executor executor, Consumer<WatchEvent> sink) {
    Table t = table(resource);
    var subscriber = new Subscriber(namespace, executor, sink, t, writeLock);
    synchronized (writeLock) {
      if (fromRevision == 0) {
        var range = namespace == null ? t.objects : t.objects.subMap(namespace + "/", namespace + "0");
        for (StoredObject o : range.values()) {
          subscriber.offer(new WatchEvent(WatchEvent.Type.ADDED, o, null));
        }
        if (markInitialEnd) {
          subscriber.offerAlways(new WatchEvent(WatchEvent.Type.BOOKMARK,
              new StoredObject(namespace == null ? "" : namespace, "", revision, new byte[0]), null));
        }
      } else {
        if (fromRevision < t.evictedUpTo) {
          throw ApiErrors.gone("too old resource version: " + fromRevision + " (" + revision + ")");
        }
        for (WatchEvent e : t.window) {
          if (e.resourceVersion() > fromRevision) {
            subscriber.offer(e);
          }
        }
      }
      subscriber.replayQueued();
      t.subscribe(subscriber);
    }
    return subscriber;
  }

  /** Number of open watch subscriptions on a resource (for tests and metrics). */
  public int watcherCount(GroupResource resource) {
    Table t = tables.get(resource);
    if (t == null) {
      return 0;
    }
    synchronized (writeLock) {
      return t.watcherCount();
    }
  }

  private Table table(GroupResource resource) {
    return tables.computeIfAbsent(resource, r -> new Table());
  }

  /**
   * One resource's objects, event window and watchers. The window and the watchers are guarded by the store's write
   * lock. Watchers of one namespace are kept apart from those of all namespaces, so a write is offered only to the
   * watchers that can see it, and adding or removing a watcher costs the same with 10 or 100,000 of them.
   */
  private static final class Table {
    final ConcurrentSkipListMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
    final java.util.ArrayDeque<WatchEvent> window = new java.util.ArrayDeque<>();
    final Set<Subscriber> allNamespaces = new LinkedHashSet<>();
    final Map<String, List<Subscriber>> byNamespace = new HashMap<>();
    /** What {@link #publish} iterates, rebuilt after changes, so a sink may close its watch during delivery. */
    Subscriber[] allSnapshot = new Subscriber[0];
    boolean allChanged;
    long evictedUpTo;

    void subscribe(Subscriber s) {
      if (s.namespace == null) {
        allChanged |= allNamespaces.add(s);
      } else {
        byNamespace.computeIfAbsent(s.namespace, ns -> new CopyOnWriteArrayList<>()).add(s);
      }
    }

    void unsubscribe(Subscriber s) {
      if (s.namespace == null) {
        allChanged |= allNamespaces.remove(s);
        return;
      }
      List<Subscriber> list = byNamespace.get(s.namespace);
      if (list != null && list.remove(s) && list.isEmpty()) {
        byNamespace.remove(s.namespace);
      }
    }

    void publish(WatchEvent event) {
      if (allChanged) {
        allSnapshot = allNamespaces.toArray(new Subscriber[0]);
        allChanged = false;
      }
      for (Subscriber s : allSnapshot) {
        s.offer(event);
      }
      List<Subscriber> local = byNamespace.get(event.object().namespace());
      if (local != null) {
        for (Subscriber s : local) {
          s.offer(event);
        }
      }
    }

    int watcherCount() {
      int n = allNamespaces.size();
      for (List<Subscriber> list : byNamespace.values()) {
        n += list.size();
      }
      return n;
    }

    void record(WatchEvent event, int windowSize) {
      window.addLast(event);
      while (window.size() > windowSize) {
        evictedUpTo = window.removeFirst().resourceVersion();
      }
    }
  }

  /** Delivers events to one watcher in order on its executor, never on the writer's thread. */
  private static final class Subscriber implements WatchSubscription {
    private final String namespace;
    private final Executor executor;
    private final Consumer<WatchEvent> sink;
    private final Table table;
    private final Object writeLock;
    private final java.util.concurrent.ConcurrentLinkedQueue<WatchEvent> queue =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean draining =
        new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong offered = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong();
    /** Events of the initial replay; until it is all queued, every queued event counts as replay. */
    private volatile long replayed = Long.MAX_VALUE;
    private volatile boolean closed;

    Subscriber(String namespace, Executor executor, Consumer<WatchEvent> sink, Table table, Object writeLock) {
      this.namespace = namespace;
      this.executor = executor;
      this.sink = sink;
      this.table = table;
      this.writeLock = writeLock;
    }

    void offer(WatchEvent event) {
      if (closed || (namespace != null && !namespace.equals(event.object().namespace()))) {
        return;
      }
      offerAlways(event);
    }

    void offerAlways(WatchEvent event) {
      if (closed) {
        return;
      }
      offered.incrementAndGet();
      queue.add(event);
      if (draining.compareAndSet(false, true)) {
        executor.execute(this::drain);
      }
    }

    private void drain() {
      while (true) {
        WatchEvent e;
        while (!closed && (e = queue.poll()) != null) {
          delivered.incrementAndGet();
          sink.accept(e);
        }
        draining.set(false);
        if (closed || queue.isEmpty() || !draining.compareAndSet(false, true)) {
          return;
        }
      }
    }

    void replayQueued() {
      replayed = offered.get();
    }

    @Override
    public long backlog() {
      long done = delivered.get();
      return offered.get() - Math.max(done, replayed);
    }

    @Override
    public void close() {
      closed = true;
      synchronized (writeLock) {
        table.unsubscribe(this);
      }
      queue.clear();
    }
  }
}
