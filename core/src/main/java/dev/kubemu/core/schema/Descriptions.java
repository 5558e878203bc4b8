package dev.kubemu.core.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * kubemu's own short descriptions of types and fields, for OpenAPI and {@code kubectl explain}, read from
 * {@code descriptions.txt}: {@code <definition>: text} for a type, {@code <definition>#<field>: text} for a field,
 * {@code *#<field>: text} for a field of any type that has no description of its own.
 * Loaded once per JVM on first use; immutable.
 */
public final class Descriptions {
  private static final String RESOURCE = "descriptions.txt";

  private final Map<String, String> texts;
  private final byte[] source;
  private volatile String fingerprint;

  private Descriptions(Map<String, String> texts, byte[] source) {
    this.texts = Map.copyOf(texts);
    this.source = source;
  }

  /** A short digest of the descriptions; changes whenever they do. */
  public String fingerprint() {
    if (fingerprint == null) {
      fingerprint = Fingerprints.of(source);
    }
    return fingerprint;
  }

  /** The descriptions of the built-in types. */
  public static Descriptions builtin() {
    return Holder.BUILTIN;
  }

  private static final class Holder {
    static final Descriptions BUILTIN = load();
  }

  /** Every key described: definitions, {@code definition#field} and {@code *#field}; for checking them. */
  Set<String> keys() {
    return texts.keySet();
  }

  /** The description of a type ({@code io.k8s.api.apps.v1.DeploymentSpec}). */
  public Optional<String> of(String definition) {
    return Optional.ofNullable(texts.get(definition));
  }

  /**
   * The description of a field of a type; fields described for every type ({@code *#apiVersion}) are the
   * fallback.
   */
  public Optional<String> of(String definition, String field) {
    String text = texts.get(definition + "#" + field);
    return Optional.ofNullable(text != null ? text : texts.get("*#" + field));
  }

  private static Descriptions load() {
    try (InputStream in = Descriptions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE + " next to " + Descriptions.class);
      }
      var texts = new HashMap<String, String>();
      byte[] bytes = in.readAllBytes();
      for (String line : new String(bytes, StandardCharsets.UTF_8).lines().toList()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(": ");
        if (colon < 0) {
          throw new IllegalStateException("malformed line in " + RESOURCE + ": " + line);
        }
        texts.put(line.substring(0, colon).trim(), line.substring(colon + 2).trim().replace("\\n", "\n"));
      }
      return new Descriptions(texts, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
