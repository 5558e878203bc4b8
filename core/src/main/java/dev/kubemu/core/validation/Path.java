package dev.kubemu.core.validation;

import dev.kubemu.core.errors.FieldError;
import java.util.List;

/**
 * A field path as apimachinery's {@code field.Path} prints it ({@code spec.template.spec.containers[0].name},
 * {@code metadata.labels[app]}), with factories for the field errors reported on it. Immutable.
 */
public final class Path {
  private final Path parent;
  private final String name;
  private final String index;

  private Path(Path parent, String name, String index) {
    this.parent = parent;
    this.name = name;
    this.index = index;
  }

  /** A root path, e.g. {@code spec}; further names become children. */
  public static Path of(String root, String... more) {
    Path p = new Path(null, root, null);
    for (String m : more) {
      p = p.child(m);
    }
    return p;
  }

  public Path child(String child, String... more) {
    Path p = new Path(this, child, null);
    for (String m : more) {
      p = p.child(m);
    }
    return p;
  }

  /** {@code [i]}. */
  public Path index(int i) {
    return new Path(this, "", Integer.toString(i));
  }

  /** {@code [key]} (keys are not quoted). */
  public Path key(String key) {
    return new Path(this, "", key);
  }

  @Override
  public String toString() {
    var chain = new java.util.ArrayDeque<Path>();
    for (Path p = this; p != null; p = p.parent) {
      chain.push(p);
    }
    var sb = new StringBuilder();
    for (Path p : chain) {
      if (p.parent != null && !p.name.isEmpty()) {
        sb.append('.');
      }
      if (!p.name.isEmpty()) {
        sb.append(p.name);
      } else {
        sb.append('[').append(p.index == null ? "" : p.index).append(']');
      }
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ errors on this path

  public FieldError invalid(Object value, String detail) {
    return FieldError.invalid(toString(), value, detail);
  }

  public FieldError required(String detail) {
    return FieldError.required(toString(), detail);
  }

  public FieldError forbidden(String detail) {
    return FieldError.forbidden(toString(), detail);
  }

  public FieldError duplicate(Object value) {
    return FieldError.duplicate(toString(), value);
  }

  public FieldError notFound(Object value) {
    return FieldError.notFound(toString(), value);
  }

  /** {@code Unsupported value: v: supported values: "a", "b"} (values as given; callers sort like sets.List). */
  public FieldError notSupported(Object value, List<String> supported) {
    return FieldError.notSupported(toString(), value, supported);
  }

  public FieldError tooLong(int max) {
    return FieldError.tooLong(toString(), null, max);
  }

  public FieldError tooMany(int actual, int max) {
    return FieldError.tooMany(toString(), actual, max);
  }
}
