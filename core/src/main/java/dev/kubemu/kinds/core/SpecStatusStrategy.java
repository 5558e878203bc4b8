package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * For kinds whose special behaviour is a status reset on create, optional generation tracking, simple defaults and
 * their validation: HorizontalPodAutoscalers, PersistentVolumeClaims, Ingresses, PodDisruptionBudgets, ...
 */
public final class SpecStatusStrategy implements ResourceStrategy {
  private final boolean tracksGeneration;
  private final Consumer<ObjectNode> initialStatus;
  private final Consumer<ObjectNode> defaults;
  private final Function<JsonNode, List<FieldError>> validateCreate;
  private final BiFunction<JsonNode, JsonNode, List<FieldError>> validateUpdate;

  public SpecStatusStrategy(boolean tracksGeneration, Consumer<ObjectNode> initialStatus, Consumer<ObjectNode> defaults) {
    this(tracksGeneration, initialStatus, defaults, o -> List.of(), (o, old) -> List.of());
  }

  private SpecStatusStrategy(boolean tracksGeneration, Consumer<ObjectNode> initialStatus, Consumer<ObjectNode> defaults,
      Function<JsonNode, List<FieldError>> validateCreate, BiFunction<JsonNode, JsonNode, List<FieldError>> validateUpdate) {
    this.tracksGeneration = tracksGeneration;
    this.initialStatus = initialStatus;
    this.defaults = defaults;
    this.validateCreate = validateCreate;
    this.validateUpdate = validateUpdate;
  }

  /** Status reset to {@code {}} on create, generation tracked, no defaults. */
  public static SpecStatusStrategy generational() {
    return new SpecStatusStrategy(true, status -> {}, object -> {});
  }

  /** This strategy with the kind's validation on create, and on update the update rules followed by the create ones. */
  public SpecStatusStrategy validatedBy(Function<JsonNode, List<FieldError>> create,
      BiFunction<JsonNode, JsonNode, List<FieldError>> update) {
    return new SpecStatusStrategy(tracksGeneration, initialStatus, defaults, create, update);
  }

  /** This strategy with the same validation on create and update. */
  public SpecStatusStrategy validatedBy(Function<JsonNode, List<FieldError>> create) {
    return validatedBy(create, (o, old) -> create.apply(o));
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

  @Override
  public List<FieldError> validate(JsonNode object, WriteContext ctx) {
    return new ArrayList<>(validateCreate.apply(object));
  }

  @Override
  public List<FieldError> validateUpdate(JsonNode object, JsonNode old, WriteContext ctx) {
    return new ArrayList<>(validateUpdate.apply(object, old));
  }
}
