package dev.kubemu.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
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
}
