package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import java.util.function.Consumer;

/**
 * For kinds whose only special behaviour is a status reset on create (and, optionally, generation tracking and
 * simple defaults): HorizontalPodAutoscalers, PersistentVolumeClaims, Ingresses, PodDisruptionBudgets, ...
 */
public final class SpecStatusStrategy implements ResourceStrategy {
  private final boolean tracksGeneration;
  private final Consumer<ObjectNode> initialStatus;
  private final Consumer<ObjectNode> defaults;

  public SpecStatusStrategy(boolean tracksGeneration, Consumer<ObjectNode> initialStatus, Consumer<ObjectNode> defaults) {
    this.tracksGeneration = tracksGeneration;
    this.initialStatus = initialStatus;
    this.defaults = defaults;
  }

  /** Status reset to {@code {}} on create, generation tracked, no defaults. */
  public static SpecStatusStrategy generational() {
    return new SpecStatusStrategy(true, status -> {}, object -> {});
  }

  @Override
  public boolean tracksGeneration() {
    return tracksGeneration;
  }

  @Override
  public void prepareForCreate(ObjectNode object, WriteContext ctx) {
    initialStatus.accept(object.putObject("status"));
  }

  @Override
  public void applyDefaults(ObjectNode object, WriteContext ctx) {
    defaults.accept(object);
  }
}
