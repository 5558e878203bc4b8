package dev.kubemu.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.api.ResourceStrategy.NameRule;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Validation of {@code metadata} common to every kind, as kube-apiserver's {@code ValidateObjectMeta} (apimachinery)
 * and the core group's finalizer check do it: generateName and name syntax by the kind's rule, labels, annotations,
 * owner references and finalizers.
 */
final class ObjectMetaValidation {
  private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");

  private ObjectMetaValidation() {}

  static List<FieldError> validate(JsonNode object, NameRule rule) {
    var errors = new ArrayList<FieldError>();
    JsonNode meta = object.path("metadata");
    Path path = Path.of("metadata");
    Syntax.NameCheck check = nameCheck(rule);
    String generateName = meta.path("generateName").asText("");
    if (!generateName.isEmpty()) {
      for (String msg : check.problems(generateName, true)) {
        errors.add(path.child("generateName").invalid(generateName, msg));
      }
    }
    String name = meta.path("name").asText("");
    if (name.isEmpty()) {
      errors.add(path.child("name").required("name or generateName is required"));
    } else {
      for (String msg : check.problems(name, false)) {
        errors.add(path.child("name").invalid(name, msg));
      }
    }
    errors.addAll(Checks.nonNegative(meta.get("generation"), path.child("generation")));
    errors.addAll(Checks.labels(meta.get("labels"), path.child("labels")));
    errors.addAll(Checks.annotations(meta.get("annotations"), path.child("annotations")));
    errors.addAll(ownerReferences(meta.path("ownerReferences"), path.child("ownerReferences")));
    errors.addAll(finalizers(meta.path("finalizers"), path.child("finalizers")));
    return errors;
  }

  private static Syntax.NameCheck nameCheck(NameRule rule) {
    return switch (rule) {
      case DNS1123_SUBDOMAIN -> Syntax.DNS_SUBDOMAIN_NAME;
      case DNS1123_LABEL -> Syntax.DNS_LABEL_NAME;
      case DNS1035_LABEL -> Syntax.DNS1035_LABEL_NAME;
      case PATH_SEGMENT -> Syntax.PATH_SEGMENT_NAME;
    };
  }

  private static List<FieldError> ownerReferences(JsonNode refs, Path path) {
    var errors = new ArrayList<FieldError>();
    String firstController = "";
    for (JsonNode ref : refs) {
      String apiVersion = ref.path("apiVersion").asText("");
      String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
      if (version.isEmpty() || apiVersion.chars().filter(c -> c == '/').count() > 1) {
        errors.add(path.child("apiVersion").invalid(apiVersion, "version must not be empty"));
      }
      if (ref.path("kind").asText("").isEmpty()) {
        errors.add(path.child("kind").invalid("", "kind must not be empty"));
      }
      if (ref.path("name").asText("").isEmpty()) {
        errors.add(path.child("name").invalid("", "name must not be empty"));
      }
      if (ref.path("uid").asText("").isEmpty()) {
        errors.add(path.child("uid").invalid("", "uid must not be empty"));
      }
      if (apiVersion.equals("v1") && ref.path("kind").asText("").equals("Event")) {
        errors.add(path.invalid(ownerReference(ref), "/v1, Kind=Event is disallowed from being an owner"));
      }
      if (ref.path("controller").asBoolean(false)) {
        String current = ref.path("kind").asText("") + "/" + ref.path("name").asText("");
        if (!firstController.isEmpty()) {
          errors.add(path.invalid(GoValue.slice("[]v1.OwnerReference", refs, ObjectMetaValidation::ownerReference),
              "Only one reference can have Controller set to true. Found \"true\" in references for "
                  + firstController + " and " + current));
        } else {
          firstController = current;
        }
      }
    }
    return errors;
  }

  private static GoValue ownerReference(JsonNode ref) {
    return GoValue.struct("v1.OwnerReference")
        .string("APIVersion", ref.path("apiVersion").asText(""))
        .string("Kind", ref.path("kind").asText(""))
        .string("Name", ref.path("name").asText(""))
        .string("UID", ref.path("uid").asText(""))
        .field("Controller", ref.has("controller") ? GoValue.pointer("*bool") : GoValue.nil("*bool"))
        .field("BlockOwnerDeletion", ref.has("blockOwnerDeletion") ? GoValue.pointer("*bool") : GoValue.nil("*bool"))
        .build();
  }

  private static List<FieldError> finalizers(JsonNode finalizers, Path path) {
    var errors = new ArrayList<FieldError>();
    boolean orphan = false;
    boolean foreground = false;
    for (JsonNode f : finalizers) {
      String name = f.asText("");
      for (String msg : Syntax.qualifiedName(name)) {
        errors.add(path.invalid(name, msg));
      }
      orphan |= name.equals("orphan");
      foreground |= name.equals("foregroundDeletion");
    }
    if (orphan && foreground) {
      errors.add(path.invalid(GoValue.stringSlice(finalizers),
          "finalizer orphan and foregroundDeletion cannot be both set"));
    }
    for (int i = 0; i < finalizers.size(); i++) {
      String name = finalizers.get(i).asText("");
      if (!name.contains("/") && !STANDARD_FINALIZERS.contains(name)) {
        errors.add(path.index(i).invalid(name, "name is neither a standard finalizer name nor is it fully qualified"));
      }
    }
    return errors;
  }
}
