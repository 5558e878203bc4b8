package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.FieldError;
import java.util.List;

/**
 * Per-kind behaviour of the write pipeline; everything common lives in {@link ResourceOperations}. Objects are in the
 * storage version. Hooks are called in this order on create: {@link #applyDecodingDefaults} (field ownership is
 * recorded on its result), {@link #prepareForCreate}, the admission plugins, {@link #applyDefaults}, {@link #validate};
 * on update: {@link #prepareForUpdate} (or {@link #prepareForStatusUpdate} for {@code /status}), {@link #applyDefaults},
 * {@link #validateUpdate}.
 */
public interface ResourceStrategy {
  /** The strategy of kinds with no special behaviour. */
  ResourceStrategy DEFAULT = new ResourceStrategy() {};

  /** Whether {@code metadata.generation} is set to 1 on create and bumped when {@code spec} changes. */
  default boolean tracksGeneration() {
    return false;
  }

  /** How {@code metadata.name} is validated. */
  default NameRule nameRule() {
    return NameRule.DNS1123_SUBDOMAIN;
  }

  /** Called before defaulting on create; may mutate {@code object} (e.g. reset status). */
  default void prepareForCreate(ObjectNode object, WriteContext ctx) {}

  /**
   * Called before defaulting on update of the main resource; may mutate {@code object}, never {@code old}, which is
   * the stored revision's shared tree (copy what moves from it into {@code object}, unless it is a scalar).
   */
  default void prepareForUpdate(ObjectNode object, JsonNode old, WriteContext ctx) {}

  /**
   * Called before defaulting on an update of the {@code status} subresource, once {@code object} holds the old
   * object with the new status; may mutate {@code object}'s status, never {@code old} (the stored shared tree).
   */
  default void prepareForStatusUpdate(ObjectNode object, JsonNode old, WriteContext ctx) {}

  /**
   * The defaults kube-apiserver applies when it decodes a create, before it records field ownership: the fields
   * {@link #applyDefaults} adds beyond these (what built-in admission plugins add, e.g. a pod's priority and default
   * tolerations) belong to no manager. May mutate {@code object}.
   */
  default void applyDecodingDefaults(ObjectNode object, WriteContext ctx) {
    applyDefaults(object, ctx);
  }

  /** Fills in defaulted fields as kube-apiserver's defaulting does; may mutate {@code object}. */
  default void applyDefaults(ObjectNode object, WriteContext ctx) {}

  /** Kind-specific validation on create. Must not mutate. */
  default List<FieldError> validate(JsonNode object, WriteContext ctx) {
    return List.of();
  }

  /** Kind-specific validation on update (immutable fields and the create rules). Must not mutate. */
  default List<FieldError> validateUpdate(JsonNode object, JsonNode old, WriteContext ctx) {
    return validate(object, ctx);
  }

  /** Whether PUT of a missing object creates it. */
  default boolean allowCreateOnUpdate() {
    return false;
  }

  /**
   * Decides what a delete does. Return null to remove the object now, or the object to keep instead (with
   * {@code deletionTimestamp} set) when something must finish first. The default keeps objects that still have
   * finalizers. May mutate {@code current}, which is a private copy.
   */
  default ObjectNode deferDeletion(ObjectNode current, DeleteOptions options, WriteContext ctx) {
    return Deletion.keepForFinalizers(current, ctx);
  }

  /** Called after an object was removed from the store (not on dry runs); e.g. to release allocated ports. */
  default void afterDelete(JsonNode deleted, WriteContext ctx) {}

  /**
   * Name syntax rules: most kinds use DNS-1123 subdomains; Namespaces DNS-1123 labels; Services DNS-1035 labels (they
   * become DNS names and environment variables); a few kinds only need a usable path segment.
   */
  enum NameRule { DNS1123_SUBDOMAIN, DNS1123_LABEL, DNS1035_LABEL, PATH_SEGMENT }
}
