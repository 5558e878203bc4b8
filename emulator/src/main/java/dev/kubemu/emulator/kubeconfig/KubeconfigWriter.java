package dev.kubemu.emulator.kubeconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kubemu.core.object.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

/**
 * Writes the {@code kubemu} cluster, user and context into kubeconfig files: a standalone file, or merged into an
 * existing one (replacing earlier kubemu entries, keeping every other entry and field), as kind does.
 */
public final class KubeconfigWriter {
  public static final String NAME = "kubemu";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private KubeconfigWriter() {}

  /** {@code $KUBECONFIG} (its first entry when it lists several), else {@code ~/.kube/config}. */
  public static Path resolveDefaultPath(Map<String, String> env, Path home) {
    String value = env.get("KUBECONFIG");
    if (value != null && !value.isBlank()) {
      for (String part : value.split(java.io.File.pathSeparator)) {
        if (!part.isBlank()) {
          return Path.of(part);
        }
      }
    }
    return home.resolve(".kube").resolve("config");
  }

  public static void writeStandalone(Path file, ClusterAccess access) throws IOException {
    ObjectNode config = emptyConfig();
    merge(config, access);
    write(file, config);
  }

  public static void mergeInto(Path file, ClusterAccess access) throws IOException {
    ObjectNode config;
    if (Files.exists(file) && Files.size(file) > 0) {
      JsonNode existing = YAML.readTree(file.toFile());
      config = existing instanceof ObjectNode o ? o : emptyConfig();
    } else {
      config = emptyConfig();
    }
    merge(config, access);
    write(file, config);
  }

  private static ObjectNode emptyConfig() {
    ObjectNode config = Json.object();
    config.put("apiVersion", "v1");
    config.put("kind", "Config");
    config.putObject("preferences");
    config.putArray("clusters");
    config.putArray("users");
    config.putArray("contexts");
    return config;
  }

  private static void merge(ObjectNode config, ClusterAccess access) {
    ObjectNode cluster = Json.object();
    cluster.put("server", access.server());
    if (access.caCertificatePem() != null) {
      cluster.put("certificate-authority-data", Base64.getEncoder().encodeToString(
          access.caCertificatePem().getBytes(StandardCharsets.US_ASCII)));
    }
    ObjectNode user = Json.object();
    if (access.bearerToken() != null) {
      user.put("token", access.bearerToken());
    }
    ObjectNode context = Json.object();
    context.put("cluster", NAME);
    context.put("user", NAME);
    replace(config, "clusters", "cluster", cluster);
    replace(config, "users", "user", user);
    replace(config, "contexts", "context", context);
    config.put("current-context", NAME);
    if (!config.has("apiVersion")) {
      config.put("apiVersion", "v1");
    }
    if (!config.has("kind")) {
      config.put("kind", "Config");
    }
  }

  private static void replace(ObjectNode config, String listField, String entryField, ObjectNode value) {
    ArrayNode list = config.get(listField) instanceof ArrayNode a ? a : config.putArray(listField);
    for (int i = list.size() - 1; i >= 0; i--) {
      if (NAME.equals(list.get(i).path("name").asText())) {
        list.remove(i);
      }
    }
    ObjectNode entry = list.addObject();
    entry.put("name", NAME);
    entry.set(entryField, value);
  }

  private static void write(Path file, ObjectNode config) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, ".kubemu-kubeconfig", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep the default permissions
      }
      Files.writeString(temp, YAML.writeValueAsString(config), StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
