package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.errors.ApiErrors;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.managedfields.TypedValidation;
import dev.kubemu.core.registry.GroupVersionKind;
import dev.kubemu.core.schema.GoIntegers;
import dev.kubemu.core.schema.Schema;
import dev.kubemu.core.schema.TypedDecoder;
import java.util.Comparator;
import java.util.List;

/**
 * What kube-apiserver checks of an apply patch around the merge itself: that it names its field manager; that the
 * merged object converts back to the Go type; and, since it reads the body with a lenient YAML decoder (a key set
 * twice keeps its last value), a second, strict decoding after the apply under {@code fieldValidation} Strict or
 * Warn, whose message for a key set twice is YAML's, not the JSON decoder's that creates and updates get.
 */
final class ApplyDecoding {
  private static final String STRICT_YAML_ERROR =
      "error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  ";

  private ApplyDecoding() {}

  /** PatchOptions validation, before anything else: an apply must name its field manager. */
  static void requireFieldManager(RequestContext request) {
    if (request.fieldManager().isEmpty()) {
      throw ApiErrors.invalid("meta.k8s.io", "PatchOptions", "",
          List.of(FieldError.required("fieldManager", "is required for apply patch")));
    }
  }

  /**
   * The strict decoding after a successful apply: the body's duplicate keys fail the request under Strict (400) and
   * become one warning each under Warn.
   */
  static void checkDuplicates(RequestContext request) {
    if (request.duplicateFields().isEmpty()
        || request.fieldValidation() == RequestContext.FieldValidation.IGNORE) {
      return;
    }
    // YAML's decoder meets a duplicate once it has read the duplicate's value, and reports it with that value's line
    List<String> errors = request.duplicateFields().stream()
        .sorted(Comparator.comparingInt(DuplicateField::decodedAt))
        .map(d -> "line " + d.line() + ": key " + GoValue.quote(d.key()) + " already set in map")
        .toList();
    if (request.fieldValidation() == RequestContext.FieldValidation.WARN) {
      request.warnings().addAll(errors);
      return;
    }
    throw ApiErrors.badRequest(STRICT_YAML_ERROR + String.join("\n  ", errors));
  }

  /**
   * The conversion of the applied result back to the Go type, in {@code gvk}: a number with a fraction in an integer
   * field fails it (a 500, as a plain error), whole numbers become the Go integers they convert to.
   *
   * @param config the applied configuration, which names the object in the message
   */
  static void convertMerged(Schema schema, ObjectNode config, ObjectNode merged, GroupVersionKind gvk) {
    TypedDecoder.Decoded decoded = TypedDecoder.decode(schema, merged.deepCopy(), TypedDecoder.Style.UNSTRUCTURED);
    if (decoded.failed()) {
      throw ApiErrors.notAStatus("failed to convert new object (" + TypedValidation.objectName(config)
          + ") to proper version: unable to convert unstructured object to " + gvk.goString() + ": "
          + decoded.error());
    }
    GoIntegers.convert(schema, merged);
  }
}
