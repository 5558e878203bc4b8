package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Secrets: {@code stringData} is write-only and merged into {@code data} (base64) on every write, as kube-apiserver's
 * conversion does; {@code type} defaults to Opaque and cannot change; data values must be base64.
 */
public final class SecretStrategy implements ResourceStrategy {
  @Override
  public void applyDefaults(ObjectNode secret, WriteContext ctx) {
    if (!secret.hasNonNull("type")) {
      secret.put("type", "Opaque");
    }
    if (secret.get("stringData") instanceof ObjectNode stringData) {
      ObjectNode data = secret.get("data") instanceof ObjectNode d ? d : secret.putObject("data");
      stringData.fields().forEachRemaining(e -> data.put(e.getKey(),
          Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    }
    secret.remove("stringData");
  }

  @Override
  public List<FieldError> validate(JsonNode secret, WriteContext ctx) {
    var errors = new ArrayList<FieldError>();
    secret.path("data").fields().forEachRemaining(e -> {
      try {
        Base64.getDecoder().decode(e.getValue().asText());
      } catch (IllegalArgumentException bad) {
        errors.add(FieldError.invalid("data[" + e.getKey() + "]", e.getValue().asText(),
            "a valid base64 string is required"));
      }
    });
    return errors;
  }

  @Override
  public List<FieldError> validateUpdate(JsonNode secret, JsonNode old, WriteContext ctx) {
    var errors = new ArrayList<>(validate(secret, ctx));
    if (!Objects.equals(secret.path("type").asText(), old.path("type").asText())) {
      errors.add(FieldError.invalid("type", secret.path("type").asText(), "field is immutable"));
    }
    return errors;
  }
}
