package dev.kubemu.core.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Owner references as controllers write them. */
public final class OwnerReferences {
  private OwnerReferences() {}

  /**
   * Makes {@code owner} the controlling owner of the object whose metadata is {@code meta}
   * ({@code controller: true}, {@code blockOwnerDeletion: true}), as kube controllers do for what they create.
   */
  public static void setController(ObjectNode meta, JsonNode owner) {
    ArrayNode refs = meta.get("ownerReferences") instanceof ArrayNode a ? a : meta.putArray("ownerReferences");
    ObjectNode ref = refs.addObject();
    ref.put("apiVersion", owner.path("apiVersion").asText());
    ref.put("kind", owner.path("kind").asText());
    ref.put("name", Meta.name(owner));
    ref.put("uid", Meta.uid(owner));
    ref.put("controller", true);
    ref.put("blockOwnerDeletion", true);
  }
}
