package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.object.Meta;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.store.Snapshot;
import dev.kubemu.core.store.StoredObject;
import dev.kubemu.core.store.VersionedStore;
import dev.kubemu.core.store.WatchEvent;
import dev.kubemu.core.store.WatchSubscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/** Lists and watches with label/field selectors, paging and resourceVersion semantics. */
final class Selection {
  private final VersionedStore store;

  Selection(VersionedStore store) {
    this.store = store;
  }

  ListResult list(ResourceType type, String namespace, ListOptions options) {
    var fields = fieldExtractors(type);
    checkFieldSelector(options, fields);
    String afterKey = null;
    Long tokenRv = null;
    if (options.continueToken() != null && !options.continueToken().isEmpty()) {
      ContinueToken token = ContinueToken.decode(options.continueToken());
      afterKey = token.lastKey();
      tokenRv = token.resourceVersion();
    }
    Snapshot snapshot = narrowByName(type, namespace, options, afterKey);
    long limit = options.limit() > 0 ? options.limit() : Long.MAX_VALUE;
    var items = new ArrayList<StoredObject>();
    String continueToken = null;
    Long remaining = null;
    boolean unfiltered = options.labelSelector().isEverything() && options.fieldSelector().isEverything();
    List<StoredObject> objects = snapshot.objects();
    for (int i = 0; i < objects.size(); i++) {
      StoredObject o = objects.get(i);
      // without selectors nothing needs decoding: a list of 100,000 pods would otherwise decode every one
      if (!unfiltered && !matches(store.tree(o), options, fields)) {
        continue;
      }
      if (items.size() == limit) {
        long rv = tokenRv != null ? tokenRv : snapshot.resourceVersion();
        continueToken = new ContinueToken(rv, items.get(items.size() - 1).key()).encode();
        if (unfiltered) {
          remaining = (long) (objects.size() - i);
        }
        break;
      }
      items.add(o);
    }
    return new ListResult(tokenRv != null ? tokenRv : snapshot.resourceVersion(), items, continueToken, remaining);
  }

  /** Informers list with {@code fieldSelector=metadata.name=x}: answer from one key instead of a scan. */
  private Snapshot narrowByName(ResourceType type, String namespace, ListOptions options, String afterKey) {
    var name = options.fieldSelector().requiredValue("metadata.name");
    if (name.isPresent() && afterKey == null && (namespace != null || !type.namespaced())) {
      long rv = store.revision();
      StoredObject o = store.get(type.storageResource(), namespace == null ? "" : namespace, name.get());
      return new Snapshot(rv, o == null ? List.of() : List.of(o));
    }
    return store.list(type.storageResource(), namespace, afterKey);
  }

  WatchSubscription watch(ResourceType type, String namespace, ListOptions options, boolean sendInitialEvents,
      Executor executor, Consumer<WatchEvent> sink) {
    var fields = fieldExtractors(type);
    checkFieldSelector(options, fields);
    long from = sendInitialEvents ? 0 : parseResourceVersion(options.resourceVersion());
    return store.watch(type.storageResource(), namespace, from, sendInitialEvents, executor, event -> {
      WatchEvent translated = translate(event, options, fields);
      if (translated != null) {
        sink.accept(translated);
      }
    });
  }

  /** An object that starts or stops matching the selectors is ADDED or DELETED for this watcher. */
  private WatchEvent translate(WatchEvent event, ListOptions options, Map<String, Function<JsonNode, String>> fields) {
    if (event.type() == WatchEvent.Type.BOOKMARK
        || options.labelSelector().isEverything() && options.fieldSelector().isEverything()) {
      return event;
    }
    boolean now = matches(store.tree(event.object()), options, fields);
    boolean before = event.previous() != null && matches(store.tree(event.previous()), options, fields);
    return switch (event.type()) {
      case ADDED -> now ? event : null;
      case DELETED -> before || now ? event : null;
      case BOOKMARK -> event;
      case MODIFIED -> {
        if (now && before) {
          yield event;
        }
        if (now) {
          yield new WatchEvent(WatchEvent.Type.ADDED, event.object(), event.previous());
        }
        if (before) {
          yield new WatchEvent(WatchEvent.Type.DELETED, event.object(), event.previous());
        }
        yield null;
      }
    };
  }

  static long parseResourceVersion(String rv) {
    if (rv == null || rv.isEmpty() || rv.equals("0")) {
      return 0;
    }
    try {
      long value = Long.parseLong(rv);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw ApiErrors.badRequest("invalid resource version: \"" + rv + "\"");
    }
  }

  private static boolean matches(JsonNode object, ListOptions options, Map<String, Function<JsonNode, String>> fields) {
    return options.labelSelector().matches(Meta.labels(object)) && options.fieldSelector().matches(object, fields);
  }

  private static void checkFieldSelector(ListOptions options, Map<String, Function<JsonNode, String>> fields) {
    try {
      options.fieldSelector().checkSupported(fields);
    } catch (IllegalArgumentException e) {
      throw ApiErrors.badRequest(e.getMessage());
    }
  }

  static Map<String, Function<JsonNode, String>> fieldExtractors(ResourceType type) {
    var map = new HashMap<String, Function<JsonNode, String>>(type.fieldSelectors());
    map.put("metadata.name", Meta::name);
    map.put("metadata.namespace", Meta::namespace);
    return map;
  }
}
