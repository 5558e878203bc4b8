package dev.kubemu.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.Meta;
import java.util.List;

/** Key mappers used by controller watches. */
public final class Keys {
  private Keys() {}

  public static ObjectKey of(JsonNode object) {
    return new ObjectKey(Meta.namespace(object), Meta.name(object));
  }

  /** The key of the object's controlling owner if it is of {@code ownerKind}; none otherwise. */
  public static List<ObjectKey> controllerOwner(JsonNode object, String ownerKind) {
    for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false) && ref.path("kind").asText().equals(ownerKind)) {
        return List.of(new ObjectKey(Meta.namespace(object), ref.path("name").asText()));
      }
    }
    return List.of();
  }
}
