package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/** For kinds without status whose behaviour is field defaulting and validation (ConfigMaps, StorageClasses, ...). */
public final class DefaultingStrategy implements ResourceStrategy {
  private final Consumer<ObjectNode> defaults;
  private final Function<JsonNode, List<FieldError>> validateCreate;
  private final BiFunction<JsonNode, JsonNode, List<FieldError>> validateUpdate;

  public DefaultingStrategy(Consumer<ObjectNode> defaults) {
    this(defaults, o -> List.of(), (o, old) -> List.of());
  }

  /**
   * @param validateUpdate the full validation of an update (new, old), including what {@code validateCreate} checks
   */
  public DefaultingStrategy(Consumer<ObjectNode> defaults, Function<JsonNode, List<FieldError>> validateCreate,
      BiFunction<JsonNode, JsonNode, List<FieldError>> validateUpdate) {
    this.defaults = defaults;
    this.validateCreate = validateCreate;
    this.validateUpdate = validateUpdate;
  }

  @Override
  public void applyDefaults(ObjectNode object, WriteContext ctx) {
    defaults.accept(object);
  }

  @Override
  public List<FieldError> validate(JsonNode object, WriteContext ctx) {
    return validateCreate.apply(object);
  }

  @Override
  public List<FieldError> validateUpdate(JsonNode object, JsonNode old, WriteContext ctx) {
    return validateUpdate.apply(object, old);
  }
}
