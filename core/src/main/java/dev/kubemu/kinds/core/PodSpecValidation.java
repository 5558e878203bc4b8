package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import java.util.HashSet;
import java.util.List;

/** The PodSpec checks people trip over most, with kube-apiserver's messages. */
public final class PodSpecValidation {
  private PodSpecValidation() {}

  public static void validate(JsonNode spec, String path, List<FieldError> errors) {
    JsonNode containers = spec.path("containers");
    if (!containers.isArray() || containers.isEmpty()) {
      errors.add(FieldError.required(path + ".containers", ""));
      return;
    }
    var names = new HashSet<String>();
    for (int i = 0; i < containers.size(); i++) {
      JsonNode c = containers.get(i);
      String at = path + ".containers[" + i + "]";
      String name = c.path("name").asText("");
      if (name.isEmpty()) {
        errors.add(FieldError.required(at + ".name", ""));
      } else if (!names.add(name)) {
        errors.add(FieldError.duplicate(at + ".name", name));
      }
      if (c.path("image").asText("").isBlank()) {
        errors.add(FieldError.required(at + ".image", ""));
      }
      JsonNode ports = c.path("ports");
      for (int p = 0; p < ports.size(); p++) {
        JsonNode port = ports.get(p).path("containerPort");
        if (port.isMissingNode()) {
          errors.add(FieldError.required(at + ".ports[" + p + "].containerPort", ""));
        } else if (!port.canConvertToInt() || port.asInt() < 1 || port.asInt() > 65535) {
          errors.add(FieldError.invalid(at + ".ports[" + p + "].containerPort", port.asLong(),
              "must be between 1 and 65535, inclusive"));
        }
      }
    }
    String restart = spec.path("restartPolicy").asText("Always");
    if (!List.of("Always", "OnFailure", "Never").contains(restart)) {
      errors.add(FieldError.notSupported(path + ".restartPolicy", restart, List.of("Always", "OnFailure", "Never")));
    }
  }
}
