package dev.kubemu.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.registry.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import dev.kubemu.core.store.WatchEvent;

/**
 * Declares a controller: its primary type, the types whose changes should wake it up (with how an object of that
 * type maps to primary keys) and its reconciler.
 */
public final class ControllerSpec {
  /** A watched type and how its events (type and object) map to keys of the primary type. */
  public record Watch(ResourceType type, BiFunction<WatchEvent.Type, JsonNode, List<ObjectKey>> keys) {}

  private final String name;
  private final ResourceType forType;
  private final List<Watch> watches;
  private final Reconciler reconciler;

  private ControllerSpec(String name, ResourceType forType, List<Watch> watches, Reconciler reconciler) {
    this.name = name;
    this.forType = forType;
    this.watches = List.copyOf(watches);
    this.reconciler = reconciler;
  }

  public static Builder builder(String name, ResourceType forType) {
    return new Builder(name, forType);
  }

  public String name() {
    return name;
  }

  public ResourceType forType() {
    return forType;
  }

  public List<Watch> watches() {
    return watches;
  }

  public Reconciler reconciler() {
    return reconciler;
  }

  /** Builds a {@link ControllerSpec}. */
  public static final class Builder {
    private final String name;
    private final ResourceType forType;
    private final List<Watch> watches = new ArrayList<>();
    private Reconciler reconciler;

    private Builder(String name, ResourceType forType) {
      this.name = Objects.requireNonNull(name, "name");
      this.forType = Objects.requireNonNull(forType, "forType");
      watches.add(new Watch(forType, (event, obj) -> List.of(Keys.of(obj))));
    }

    /** Wakes the controller for the owner (by controller ownerReference of the primary kind) of changed objects. */
    public Builder owns(ResourceType owned) {
      watches.add(new Watch(owned, (event, obj) -> Keys.controllerOwner(obj, forType.kind())));
      return this;
    }

    /** Wakes the controller for the keys {@code keys} maps each changed object of {@code type} to. */
    public Builder watches(ResourceType type, Function<JsonNode, List<ObjectKey>> keys) {
      watches.add(new Watch(type, (event, obj) -> keys.apply(obj)));
      return this;
    }

    /** Like {@link #watches}, for mappings that depend on the event type (e.g. only deletions matter). */
    public Builder watchesEvents(ResourceType type, BiFunction<WatchEvent.Type, JsonNode, List<ObjectKey>> keys) {
      watches.add(new Watch(type, keys));
      return this;
    }

    public Builder reconciler(Reconciler reconciler) {
      this.reconciler = reconciler;
      return this;
    }

    public ControllerSpec build() {
      if (reconciler == null) {
        throw new IllegalStateException("controller " + name + " has no reconciler; call reconciler(...)");
      }
      return new ControllerSpec(name, forType, watches, reconciler);
    }
  }
}
