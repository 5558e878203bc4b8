package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.object.GoJsonText;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.core.schema.GoFormat;
import dev.kubemu.core.schema.GoNormalization;
import dev.kubemu.core.schema.Schema;
import dev.kubemu.core.schema.TypedDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decoding kube-apiserver does before anything else in a write: the body (or the result of a patch) must decode
 * into the kind's Go type, and unknown or duplicate fields are rejected, warned about or dropped as
 * {@code fieldValidation} says. Objects leave it without unknown fields, as the typed object would serialize.
 */
final class BodyDecoding {
  private BodyDecoding() {}

  /** Decodes the body of a create or update (in {@code version}); returns the warnings for the client. */
  static List<String> createOrUpdate(ResourceType type, String version, ObjectNode body, RequestContext request) {
    if (request.inProcess()) {
      // objects built by the emulator's own components are already in the typed shape; only clients' bodies decode
      return List.of();
    }
    Optional<Schema> schema = type.schema(version);
    if (schema.isEmpty()) {
      return List.of();
    }
    TypedDecoder.Decoded decoded = TypedDecoder.decode(schema.get(), body);
    if (decoded.failed()) {
      throw cannotBeHandled(type, version, decoded.error());
    }
    GoNormalization.normalize(schema.get(), body);
    List<String> strict = strictErrors(decoded.unknownFields(), request.duplicateFields(), "");
    if (strict.isEmpty() || request.fieldValidation() == RequestContext.FieldValidation.IGNORE) {
      return List.of();
    }
    if (request.fieldValidation() == RequestContext.FieldValidation.WARN) {
      return strict;
    }
    throw cannotBeHandled(type, version, "strict decoding error: " + String.join(", ", strict));
  }

  /**
   * Decodes the result of a JSON, merge or strategic merge patch. Failures are 422s on the field {@code patch},
   * showing the patched object (JSON and merge patches) or the patch as a Go map (strategic), as kube-apiserver does.
   */
  static List<String> patched(ResourceType type, String version, PatchType patchType, JsonNode patch,
      ObjectNode patched, RequestContext request) {
    Optional<Schema> schema = type.schema(version);
    if (schema.isEmpty()) {
      return List.of();
    }
    boolean strategic = patchType == PatchType.STRATEGIC;
    String shown = strategic ? GoFormat.plusV(patch) : GoJsonText.marshal(patched, true);
    TypedDecoder.Decoded decoded = TypedDecoder.decode(schema.get(), patched,
        strategic ? TypedDecoder.Style.UNSTRUCTURED : TypedDecoder.Style.JSON);
    if (decoded.failed()) {
      throw invalidPatch(shown, decoded.error());
    }
    GoNormalization.normalize(schema.get(), patched);
    List<String> strict = strictErrors(decoded.unknownFields(), request.duplicateFields(),
        patchType == PatchType.JSON ? "json patch " : "");
    if (strict.isEmpty() || request.fieldValidation() == RequestContext.FieldValidation.IGNORE) {
      return List.of();
    }
    if (request.fieldValidation() == RequestContext.FieldValidation.WARN) {
      return strict;
    }
    throw invalidPatch(shown, "strict decoding error: " + String.join(", ", strict));
  }

  /** The strict-decoding errors: duplicate fields of the body (as the transport found them), then unknown ones. */
  private static List<String> strictErrors(List<String> unknown, List<DuplicateField> duplicates,
      String duplicatePrefix) {
    var errors = new ArrayList<String>();
    for (DuplicateField d : duplicates) {
      errors.add(duplicatePrefix + "duplicate field \"" + d.path() + "\"");
    }
    for (String u : unknown) {
      errors.add("unknown field \"" + u + "\"");
    }
    return errors;
  }

  private static RuntimeException cannotBeHandled(ResourceType type, String version, String why) {
    return ApiErrors.badRequest(type.kind() + " in version \"" + version + "\" cannot be handled as a "
        + type.kind() + ": " + why);
  }

  private static RuntimeException invalidPatch(String shown, String why) {
    return ApiErrors.invalid("", "", "", List.of(FieldError.invalid("patch", shown, why)));
  }
}
