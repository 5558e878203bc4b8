package dev.kubemu.kinds.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.api.WriteContext;
import dev.kubemu.core.errors.FieldError;
import java.nio.charset.StandardCharsets;
import dev.kubemu.kinds.core.validation.ConfigDataValidation;
import java.util.Base64;
import java.util.List;

/**
 * Secrets: {@code stringData} is write-only and merged into {@code data} (base64) on every write, as kube-apiserver's
 * conversion does; {@code type} defaults to Opaque and cannot change; keys are config keys ({@link ConfigDataValidation}).
 */
public final class SecretStrategy implements ResourceStrategy {
  @Override
  public void applyDefaults(ObjectNode secret, WriteContext ctx) {
    if (secret.path("type").asText("").isEmpty()) {
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
    return ConfigDataValidation.secret(secret);
  }

  @Override
  public List<FieldError> validateUpdate(JsonNode secret, JsonNode old, WriteContext ctx) {
    return ConfigDataValidation.secretUpdate(secret, old);
  }
}
