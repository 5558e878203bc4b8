package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import java.util.function.Consumer;

/** For kinds whose only special behaviour is field defaulting (Secrets, StorageClasses, ...). */
public final class DefaultingStrategy implements ResourceStrategy {
  private final Consumer<ObjectNode> defaults;

  public DefaultingStrategy(Consumer<ObjectNode> defaults) {
    this.defaults = defaults;
  }

  @Override
  public void applyDefaults(ObjectNode object, WriteContext ctx) {
    defaults.accept(object);
  }
}
