package dev.kubemu.core.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON shape of one position in an object, as the Go type behind it decodes it: an object with named fields, a
 * map, a list, or one of the scalar and special types of the Kubernetes API (quantities, int-or-string, times, raw
 * extensions). Object schemas are named after their OpenAPI definition (e.g.
 * {@code io.k8s.api.apps.v1.DeploymentSpec}). Immutable once its catalog is built.
 */
public final class Schema {
  /** The kinds of JSON shape. */
  public enum Type {
    OBJECT, MAP, ARRAY, STRING, INT32, INT64, BOOLEAN, DOUBLE, BYTES, QUANTITY, INT_OR_STRING, DATE_TIME, MICRO_TIME,
    DURATION,
    /** Any JSON value kept as it is (runtime.RawExtension, FieldsV1). */
    ANY
  }

  private static final Map<Type, Schema> SCALARS = scalars();

  private final Type type;
  private final String name;
  private final Schema element;
  private final boolean atomic;
  private volatile Map<String, Field> fields = Map.of();
  /** Defines {@link #fields} on first use, so only the types a run touches are read from the catalog. */
  private java.util.function.Supplier<LinkedHashMap<String, Field>> lazyFields;

  private Schema(Type type, String name, Schema element, boolean atomic) {
    this.type = type;
    this.name = name;
    this.element = element;
    this.atomic = atomic;
  }

  private static Map<Type, Schema> scalars() {
    var scalars = new java.util.EnumMap<Type, Schema>(Type.class);
    for (Type t : Type.values()) {
      if (t != Type.OBJECT && t != Type.MAP && t != Type.ARRAY) {
        scalars.put(t, new Schema(t, null, null, false));
      }
    }
    return Collections.unmodifiableMap(scalars);
  }

  /** The shared schema of a scalar or special type. */
  public static Schema of(Type type) {
    Schema s = SCALARS.get(type);
    if (s == null) {
      throw new IllegalArgumentException(type + " needs a name or an element schema");
    }
    return s;
  }

  /** A list of {@code element}. */
  public static Schema arrayOf(Schema element) {
    return new Schema(Type.ARRAY, null, Objects.requireNonNull(element), false);
  }

  /** A map from strings to {@code element}. */
  public static Schema mapOf(Schema element) {
    return new Schema(Type.MAP, null, Objects.requireNonNull(element), false);
  }

  /** A named object whose fields are set once, by {@link #defineFields}, while its catalog is built. */
  static Schema object(String name, boolean atomic) {
    return new Schema(Type.OBJECT, Objects.requireNonNull(name), null, atomic);
  }

  void defineFields(LinkedHashMap<String, Field> defined) {
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(defined));
  }

  void defineFieldsLazily(java.util.function.Supplier<LinkedHashMap<String, Field>> definer) {
    this.lazyFields = definer;
  }

  private Map<String, Field> loadedFields() {
    if (lazyFields != null) {
      synchronized (this) {
        if (lazyFields != null) {
          defineFields(lazyFields.get());
          lazyFields = null;
        }
      }
    }
    return fields;
  }

  public Type type() {
    return type;
  }

  /** The OpenAPI definition name of an object schema ({@code io.k8s.api.core.v1.Container}), else null. */
  public String name() {
    return name;
  }

  /** The Go struct name of an object schema ({@code Container}), as Go's JSON errors name it. */
  public String goStructName() {
    return name == null ? null : name.substring(name.lastIndexOf('.') + 1);
  }

  /**
   * Whether an object schema is replaced as a whole by server-side apply ({@code +structType=atomic}, e.g.
   * LabelSelector) rather than merged field by field.
   */
  public boolean atomic() {
    return atomic;
  }

  /** Items of a list, values of a map; null otherwise. */
  public Schema element() {
    return element;
  }

  /** Fields of an object schema in declaration order; empty for other types. */
  public Map<String, Field> fields() {
    return loadedFields();
  }

  /** The field called {@code name}, or null. */
  public Field field(String name) {
    return loadedFields().get(name);
  }

  @Override
  public String toString() {
    return switch (type) {
      case OBJECT -> name;
      case ARRAY -> "[" + element + "]";
      case MAP -> "map[" + element + "]";
      default -> type.name();
    };
  }
}
