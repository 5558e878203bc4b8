package dev.kubemu.core.schema;

import dev.kubemu.core.registry.GroupVersionKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The structural schemas of the built-in Kubernetes types, read from {@code builtin.schema} (field names, types and
 * Go markers of k8s.io/api at the release kubemu follows; regenerate with {@code tools/schema/extract.py}). Loaded
 * once per JVM on first use and immutable afterwards, so every emulator shares it.
 */
public final class SchemaCatalog {
  private static final String RESOURCE = "builtin.schema";

  private final Map<String, Schema> definitions;
  private final byte[] source;
  private volatile String fingerprint;

  private SchemaCatalog(Map<String, Schema> definitions, byte[] source) {
    this.definitions = Collections.unmodifiableMap(definitions);
    this.source = source;
  }

  /** A short digest of the facts this catalog was read from; changes whenever they do. */
  public String fingerprint() {
    if (fingerprint == null) {
      fingerprint = Fingerprints.of(source);
    }
    return fingerprint;
  }

  /** The catalog of built-in types. */
  public static SchemaCatalog builtin() {
    return Holder.BUILTIN;
  }

  private static final class Holder {
    static final SchemaCatalog BUILTIN = load();
  }

  /** The object schema named {@code name} ({@code io.k8s.api.apps.v1.DeploymentSpec}). */
  public Optional<Schema> definition(String name) {
    return Optional.ofNullable(definitions.get(name));
  }

  /** Every definition, in file order. */
  public Collection<Schema> definitions() {
    return definitions.values();
  }

  /** The schema of a top-level kind, e.g. {@code apps/v1 Deployment}. */
  public Optional<Schema> kind(GroupVersionKind gvk) {
    return definition(definitionName(gvk));
  }

  /**
   * The OpenAPI definition name of a built-in kind: {@code io.k8s.api.<group's first label, or core>.<version>.
   * <Kind>}.
   */
  public static String definitionName(GroupVersionKind gvk) {
    String group = gvk.group().isEmpty() ? "core" : gvk.group().split("\\.", 2)[0];
    return "io.k8s.api." + group + "." + gvk.version() + "." + gvk.kind();
  }

  private static SchemaCatalog load() {
    try (InputStream in = SchemaCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE + " next to " + SchemaCatalog.class);
      }
      byte[] bytes = in.readAllBytes();
      return parse(new String(bytes, StandardCharsets.UTF_8).lines().toList(), bytes, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the catalog format: a definition name per line, then its fields indented by two spaces. */
  static SchemaCatalog parse(List<String> lines) {
    SchemaCatalog catalog = parse(lines, String.join("\n", lines).getBytes(StandardCharsets.UTF_8), false);
    return catalog;
  }

  /**
   * Reads the definitions' names and attributes at once, and each definition's fields when it is first used
   * ({@code lazy}) or right away.
   */
  private static SchemaCatalog parse(List<String> lines, byte[] source, boolean lazy) {
    var definitions = new LinkedHashMap<String, Schema>();
    var withTypeMeta = new java.util.HashSet<String>();
    for (String line : lines) {
      if (!line.isBlank() && !line.startsWith("#") && !line.startsWith(" ")) {
        String[] header = line.trim().split(" ");
        boolean atomic = false;
        for (int i = 1; i < header.length; i++) {
          if (header[i].equals("structType=atomic")) {
            atomic = true;
          } else if (header[i].equals("typeMeta")) {
            withTypeMeta.add(header[0]);
          } else if (!header[i].equals("structType=granular")) {
            throw new IllegalArgumentException("unknown attribute " + header[i] + " in schema line: " + line);
          }
        }
        definitions.put(header[0], Schema.object(header[0], atomic));
      }
    }
    int start = -1;
    for (int i = 0; i <= lines.size(); i++) {
      boolean header = i < lines.size() && !lines.get(i).isBlank() && !lines.get(i).startsWith("#")
          && !lines.get(i).startsWith(" ");
      if (i == lines.size() || header) {
        if (start >= 0) {
          Schema schema = definitions.get(lines.get(start).trim().split(" ")[0]);
          List<String> body = lines.subList(start + 1, i);
          java.util.function.Supplier<LinkedHashMap<String, Field>> definer =
              () -> fields(schema, body, definitions, withTypeMeta);
          if (lazy) {
            schema.defineFieldsLazily(definer);
          } else {
            schema.defineFields(definer.get());
          }
        }
        start = i;
      }
    }
    return new SchemaCatalog(definitions, source);
  }

  /** The fields of one definition; types that embed TypeMeta carry {@code apiVersion} and {@code kind} inline. */
  private static LinkedHashMap<String, Field> fields(Schema schema, List<String> body, Map<String, Schema> definitions,
      java.util.Set<String> withTypeMeta) {
    var fields = new LinkedHashMap<String, Field>();
    if (withTypeMeta.contains(schema.name())) {
      fields.put("apiVersion", scalarField("apiVersion"));
      fields.put("kind", scalarField("kind"));
    }
    for (String line : body) {
      if (!line.isBlank() && !line.startsWith("#")) {
        Field field = parseField(line.trim(), definitions);
        fields.put(field.name(), field);
      }
    }
    return fields;
  }

  private static Field scalarField(String name) {
    return new Field(name, Schema.of(Schema.Type.STRING), "string", false, null, List.of(), null, null, null,
        null, false, true);
  }

  private static Field parseField(String line, Map<String, Schema> definitions) {
    String[] parts = line.split(" ");
    String name = parts[0];
    Schema schema = parseType(parts[1], definitions);
    String goType = null;
    boolean required = false;
    String listType = null;
    List<String> keys = List.of();
    String patchStrategy = null;
    String mergeKey = null;
    String mapType = null;
    String defaultValue = null;
    boolean pointer = false;
    boolean omitEmpty = false;
    for (String attr : Arrays.asList(parts).subList(2, parts.length)) {
      int eq = attr.indexOf('=');
      String key = eq < 0 ? attr : attr.substring(0, eq);
      String value = eq < 0 ? "" : attr.substring(eq + 1);
      switch (key) {
        case "go" -> goType = value;
        case "required" -> required = true;
        case "listType" -> listType = value;
        case "listMapKeys" -> keys = List.of(value.split(","));
        case "patchStrategy" -> patchStrategy = value;
        case "patchMergeKey" -> mergeKey = value;
        case "mapType", "structType" -> mapType = value;
        case "default" -> defaultValue = value;
        case "ptr" -> pointer = true;
        case "omitempty" -> omitEmpty = true;
        default -> throw new IllegalArgumentException("unknown attribute " + attr + " in schema line: " + line);
      }
    }
    return new Field(name, schema, goType != null ? goType : defaultGoType(schema), required, listType, keys,
        patchStrategy, mergeKey, mapType, defaultValue, pointer, omitEmpty);
  }

  private static Schema parseType(String token, Map<String, Schema> definitions) {
    if (token.startsWith("map[") && token.endsWith("]")) {
      return Schema.mapOf(parseType(token.substring(4, token.length() - 1), definitions));
    }
    if (token.startsWith("[") && token.endsWith("]")) {
      return Schema.arrayOf(parseType(token.substring(1, token.length() - 1), definitions));
    }
    return switch (token) {
      case "string" -> Schema.of(Schema.Type.STRING);
      case "int32" -> Schema.of(Schema.Type.INT32);
      case "int64" -> Schema.of(Schema.Type.INT64);
      case "boolean" -> Schema.of(Schema.Type.BOOLEAN);
      case "double" -> Schema.of(Schema.Type.DOUBLE);
      case "bytes" -> Schema.of(Schema.Type.BYTES);
      case "quantity" -> Schema.of(Schema.Type.QUANTITY);
      case "int-or-string" -> Schema.of(Schema.Type.INT_OR_STRING);
      case "date-time" -> Schema.of(Schema.Type.DATE_TIME);
      case "micro-time" -> Schema.of(Schema.Type.MICRO_TIME);
      case "duration" -> Schema.of(Schema.Type.DURATION);
      case "raw", "fields-v1" -> Schema.of(Schema.Type.ANY);
      default -> {
        Schema object = definitions.get(token);
        if (object == null) {
          throw new IllegalArgumentException("schema refers to an undefined type: " + token);
        }
        yield object;
      }
    };
  }

  private static String defaultGoType(Schema schema) {
    return switch (schema.type()) {
      case STRING -> "string";
      case INT32 -> "int32";
      case INT64 -> "int64";
      case BOOLEAN -> "bool";
      case DOUBLE -> "float64";
      case BYTES -> "[]uint8";
      case ARRAY -> "[]" + defaultGoType(schema.element());
      case MAP -> "map[string]" + defaultGoType(schema.element());
      default -> "interface {}";
    };
  }

  /** Every definition name, for diagnostics. */
  List<String> names() {
    return new ArrayList<>(definitions.keySet());
  }
}
