package dev.kubemu.kinds.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** ConfigMaps and Secrets: config keys, the 1 MiB size limit, per-type required keys, and immutability. */
public final class ConfigDataValidation {
  /** core.MaxSecretSize, which ConfigMaps share. */
  static final int MAX_SIZE = 1024 * 1024;
  private static final String IMMUTABLE = "field is immutable when `immutable` is set";

  private ConfigDataValidation() {}

  public static List<FieldError> configMap(JsonNode cm) {
    var errs = new ArrayList<FieldError>();
    long total = 0;
    JsonNode binary = cm.path("binaryData");
    for (Iterator<Map.Entry<String, JsonNode>> it = cm.path("data").fields(); it.hasNext(); ) {
      var e = it.next();
      Path p = Path.of("data").key(e.getKey());
      for (String msg : Syntax.configMapKey(e.getKey())) {
        errs.add(p.invalid(e.getKey(), msg));
      }
      if (binary.has(e.getKey())) {
        errs.add(p.invalid(e.getKey(), "duplicate of key present in binaryData"));
      }
      total += e.getValue().asText("").getBytes(StandardCharsets.UTF_8).length;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = binary.fields(); it.hasNext(); ) {
      var e = it.next();
      for (String msg : Syntax.configMapKey(e.getKey())) {
        errs.add(Path.of("binaryData").key(e.getKey()).invalid(e.getKey(), msg));
      }
      total += decodedLength(e.getValue());
    }
    if (total > MAX_SIZE) {
      errs.add(Path.of("").tooLong(MAX_SIZE));
    }
    return errs;
  }

  public static List<FieldError> configMapUpdate(JsonNode cm, JsonNode old) {
    var errs = new ArrayList<FieldError>();
    if (old.path("immutable").asBoolean(false)) {
      if (!cm.path("immutable").asBoolean(false)) {
        errs.add(Path.of("immutable").forbidden(IMMUTABLE));
      }
      if (!Checks.semanticallyEqual(cm.get("data"), old.get("data"))) {
        errs.add(Path.of("data").forbidden(IMMUTABLE));
      }
      if (!Checks.semanticallyEqual(cm.get("binaryData"), old.get("binaryData"))) {
        errs.add(Path.of("binaryData").forbidden(IMMUTABLE));
      }
    }
    errs.addAll(configMap(cm));
    return errs;
  }

  public static List<FieldError> secret(JsonNode secret) {
    var errs = new ArrayList<FieldError>();
    Path data = Path.of("data");
    long total = 0;
    JsonNode values = secret.path("data");
    for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
      var e = it.next();
      for (String msg : Syntax.configMapKey(e.getKey())) {
        errs.add(data.key(e.getKey()).invalid(e.getKey(), msg));
      }
      total += decodedLength(e.getValue());
    }
    if (total > MAX_SIZE) {
      errs.add(data.tooLong(MAX_SIZE));
    }
    switch (Nodes.text(secret, "type")) {
      case "kubernetes.io/service-account-token" -> {
        if (Nodes.text(secret.path("metadata").path("annotations"), "kubernetes.io/service-account.name").isEmpty()) {
          errs.add(Path.of("metadata", "annotations").key("kubernetes.io/service-account.name").required(""));
        }
      }
      case "kubernetes.io/dockercfg" -> errs.addAll(dockerConfig(values, ".dockercfg", data));
      case "kubernetes.io/dockerconfigjson" -> errs.addAll(dockerConfig(values, ".dockerconfigjson", data));
      case "kubernetes.io/basic-auth" -> {
        if (!values.has("username") && !values.has("password")) {
          errs.add(data.key("username").required(""));
          errs.add(data.key("password").required(""));
        }
      }
      case "kubernetes.io/ssh-auth" -> {
        if (decodedLength(values.get("ssh-privatekey")) == 0) {
          errs.add(data.key("ssh-privatekey").required(""));
        }
      }
      case "kubernetes.io/tls" -> {
        if (!values.has("tls.crt")) {
          errs.add(data.key("tls.crt").required(""));
        }
        if (!values.has("tls.key")) {
          errs.add(data.key("tls.key").required(""));
        }
      }
      default -> { }
    }
    return errs;
  }

  private static List<FieldError> dockerConfig(JsonNode values, String key, Path data) {
    if (!values.has(key)) {
      return List.of(data.key(key).required(""));
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(values.get(key).asText(""));
      JsonNode parsed = dev.kubemu.core.object.Json.MAPPER.readTree(bytes);
      if (parsed == null || !parsed.isObject()) {
        return List.of(data.key(key).invalid("<secret contents redacted>",
            "json: cannot unmarshal " + (parsed == null ? "null" : parsed.getNodeType().name().toLowerCase())
                + " into Go value of type map[string]interface {}"));
      }
      return List.of();
    } catch (IllegalArgumentException | java.io.IOException e) {
      return List.of(data.key(key).invalid("<secret contents redacted>", "unexpected end of JSON input"));
    }
  }

  public static List<FieldError> secretUpdate(JsonNode secret, JsonNode old) {
    var errs = new ArrayList<FieldError>();
    if (!Nodes.text(secret, "type").equals(Nodes.text(old, "type"))) {
      errs.add(Path.of("type").invalid(Nodes.text(secret, "type"), Checks.IMMUTABLE));
    }
    if (old.path("immutable").asBoolean(false)) {
      if (!secret.path("immutable").asBoolean(false)) {
        errs.add(Path.of("immutable").forbidden(IMMUTABLE));
      }
      if (!Checks.semanticallyEqual(secret.get("data"), old.get("data"))) {
        errs.add(Path.of("data").forbidden(IMMUTABLE));
      }
    }
    errs.addAll(secret(secret));
    return errs;
  }

  private static long decodedLength(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return 0;
    }
    try {
      return Base64.getDecoder().decode(value.asText()).length;
    } catch (IllegalArgumentException e) {
      return value.asText().length();
    }
  }
}
