package dev.kubemu.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.GoValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Go's {@code fmt} rendering of decoded JSON values, which some kube-apiserver messages embed. */
public final class GoFormat {
  private GoFormat() {}

  /**
   * {@code fmt.Sprintf("%+v", v)} of a value decoded into {@code map[string]interface{}}: maps with sorted keys as
   * {@code map[k:v k2:v2]}, slices as {@code [a b]}, null as {@code <nil>}.
   */
  public static String plusV(JsonNode value) {
    var sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(JsonNode value, StringBuilder sb) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      sb.append("<nil>");
    } else if (value.isObject()) {
      List<String> keys = new ArrayList<>();
      for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      keys.sort(null);
      sb.append("map[");
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(keys.get(i)).append(':');
        write(value.get(keys.get(i)), sb);
      }
      sb.append(']');
    } else if (value.isArray()) {
      sb.append('[');
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        write(value.get(i), sb);
      }
      sb.append(']');
    } else if (value.isFloatingPointNumber()) {
      double d = value.asDouble();
      sb.append(d == Math.rint(d) && Math.abs(d) < 1e21 ? Long.toString((long) d) : Double.toString(d));
    } else {
      sb.append(value.asText());
    }
  }

  // ------------------------------------------------------------------ values encoding/json decoded into interface{}

  /*
   * kube-apiserver reads an apply configuration with encoding/json into map[string]interface{}, where every number
   * is a float64; the messages of its typed conversion print those values with %v, %#v or %T. The methods below
   * render a JSON tree the same way.
   */

  /** {@code %v}: {@code map[a:1 b:[x y]]}, numbers as Go prints a float64 ({@code 8080}, {@code 1e+06}). */
  public static String v(JsonNode value) {
    var sb = new StringBuilder();
    writeV(value, sb);
    return sb.toString();
  }

  /** {@code %#v}: Go syntax, {@code map[string]interface {}{"a":1}}, {@code []interface {}{"x", true}}. */
  public static String sharpV(JsonNode value) {
    var sb = new StringBuilder();
    writeSharpV(value, sb, false);
    return sb.toString();
  }

  /** {@code %T}: {@code string}, {@code float64}, {@code bool}, {@code map[string]interface {}}, ... */
  public static String typeName(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "<nil>";
    }
    if (value.isObject()) {
      return "map[string]interface {}";
    }
    if (value.isArray()) {
      return "[]interface {}";
    }
    if (value.isNumber()) {
      return "float64";
    }
    return value.isBoolean() ? "bool" : "string";
  }

  /**
   * Go's {@code strconv.FormatFloat(f, 'g', -1, 64)}, which {@code %v} uses: the shortest digits that read back as
   * {@code f}, in exponent form when the exponent is below -4 or at least 6 (the precision Go decides with for the
   * shortest form).
   */
  public static String goFloat(double f) {
    if (Double.isNaN(f)) {
      return "NaN";
    }
    if (Double.isInfinite(f)) {
      return f > 0 ? "+Inf" : "-Inf";
    }
    if (f == 0) {
      return 1 / f < 0 ? "-0" : "0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(f))).stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    int pointAt = digits.length() - shortest.scale();
    int exp = pointAt - 1;
    var sb = new StringBuilder(f < 0 ? "-" : "");
    if (exp < -4 || exp >= 6) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      sb.append(abs < 10 ? "0" : "").append(abs);
    } else if (pointAt <= 0) {
      sb.append("0.").append("0".repeat(-pointAt)).append(digits);
    } else if (pointAt >= digits.length()) {
      sb.append(digits).append("0".repeat(pointAt - digits.length()));
    } else {
      sb.append(digits, 0, pointAt).append('.').append(digits, pointAt, digits.length());
    }
    return sb.toString();
  }

  private static void writeV(JsonNode value, StringBuilder sb) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      sb.append("<nil>");
    } else if (value.isObject()) {
      sb.append("map[");
      boolean first = true;
      for (String key : sortedKeys(value)) {
        sb.append(first ? "" : " ").append(key).append(':');
        writeV(value.get(key), sb);
        first = false;
      }
      sb.append(']');
    } else if (value.isArray()) {
      sb.append('[');
      for (int i = 0; i < value.size(); i++) {
        sb.append(i > 0 ? " " : "");
        writeV(value.get(i), sb);
      }
      sb.append(']');
    } else if (value.isNumber()) {
      sb.append(goFloat(value.doubleValue()));
    } else {
      sb.append(value.asText());
    }
  }

  /** {@code inInterface}: the value sits in an interface{} slot of a map or slice, where nil prints typed. */
  private static void writeSharpV(JsonNode value, StringBuilder sb, boolean inInterface) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      sb.append(inInterface ? "interface {}(nil)" : "<nil>");
    } else if (value.isObject()) {
      sb.append("map[string]interface {}{");
      boolean first = true;
      for (String key : sortedKeys(value)) {
        sb.append(first ? "" : ", ").append(GoValue.quote(key)).append(':');
        writeSharpV(value.get(key), sb, true);
        first = false;
      }
      sb.append('}');
    } else if (value.isArray()) {
      sb.append("[]interface {}{");
      for (int i = 0; i < value.size(); i++) {
        sb.append(i > 0 ? ", " : "");
        writeSharpV(value.get(i), sb, true);
      }
      sb.append('}');
    } else if (value.isNumber()) {
      sb.append(goFloat(value.doubleValue()));
    } else if (value.isBoolean()) {
      sb.append(value.asBoolean());
    } else {
      sb.append(GoValue.quote(value.asText()));
    }
  }

  private static List<String> sortedKeys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    keys.sort(null);
    return keys;
  }
}
