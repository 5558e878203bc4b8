package dev.kubemu.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.schema.Field;
import dev.kubemu.core.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A difference report in the style of go-cmp's {@code cmp.Diff}, which kube-apiserver appends to the Forbidden
 * messages of immutable specs (pod updates, bound claims, persistent volume sources). It walks the Go fields of the
 * schema in declaration order, marks removed lines with {@code -} and added ones with {@code +}, and keeps two
 * identical fields of context around each change. go-cmp's own output varies its spacing at random, so no client
 * compares it byte for byte; this keeps its shape.
 */
public final class GoDiff {
  private static final int CONTEXT = 2;

  private GoDiff() {}

  /** The diff of two values of the object schema {@code schema}, the way {@code cmp.Diff(old, new)} prints it. */
  public static String diff(Schema schema, JsonNode oldValue, JsonNode newValue) {
    var out = new StringBuilder();
    out.append("  ").append(typeName(schema)).append("{\n");
    struct(schema, oldValue, newValue, 1, out);
    out.append("  }\n");
    return out.toString();
  }

  private record Line(String name, String oldText, String newText, Schema nested, JsonNode oldNode, JsonNode newNode,
      boolean changed, boolean list) {}

  private static void struct(Schema schema, JsonNode oldValue, JsonNode newValue, int depth, StringBuilder out) {
    var lines = new ArrayList<Line>();
    for (Map.Entry<String, Field> e : schema.fields().entrySet()) {
      Field f = e.getValue();
      JsonNode o = oldValue == null ? null : oldValue.get(e.getKey());
      JsonNode n = newValue == null ? null : newValue.get(e.getKey());
      boolean same = Checks.semanticallyEqual(o, n);
      Schema nested = null;
      boolean list = false;
      if (!same && f.schema().type() == Schema.Type.OBJECT && present(o) && present(n)) {
        nested = f.schema();
      } else if (!same && f.schema().type() == Schema.Type.ARRAY && f.schema().element().type() == Schema.Type.OBJECT
          && present(o) && present(n) && o.size() == n.size()) {
        nested = f.schema().element();
        list = true;
      }
      lines.add(new Line(goName(e.getKey()), value(f.schema(), f.pointer(), o, false),
          value(f.schema(), f.pointer(), n, !same), nested, o, n, !same, list));
    }
    var show = new boolean[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).changed()) {
        for (int j = Math.max(0, i - CONTEXT); j <= Math.min(lines.size() - 1, i + CONTEXT); j++) {
          show[j] = true;
        }
      }
    }
    String indent = "\t".repeat(depth);
    int width = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (show[i] && lines.get(i).nested() == null) {
        width = Math.max(width, lines.get(i).name().length() + 1);
      }
    }
    int hidden = 0;
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      if (!show[i]) {
        hidden++;
        continue;
      }
      if (hidden > 0) {
        out.append("  ").append(indent).append("... // ").append(hidden).append(" identical field")
            .append(hidden == 1 ? "" : "s").append('\n');
        hidden = 0;
      }
      String label = pad(l.name() + ":", width);
      if (l.nested() != null && l.list()) {
        out.append("  ").append(indent).append(l.name()).append(": []").append(typeName(l.nested())).append("{\n");
        elements(l.nested(), l.oldNode(), l.newNode(), depth + 1, out);
        out.append("  ").append(indent).append("},\n");
      } else if (l.nested() != null) {
        out.append("  ").append(indent).append(l.name()).append(": ").append(typeName(l.nested())).append("{\n");
        struct(l.nested(), l.oldNode(), l.newNode(), depth + 1, out);
        out.append("  ").append(indent).append("},\n");
      } else if (l.changed()) {
        out.append("- ").append(indent).append(label).append(' ').append(l.oldText()).append(",\n");
        out.append("+ ").append(indent).append(label).append(' ').append(l.newText()).append(",\n");
      } else {
        out.append("  ").append(indent).append(label).append(' ').append(l.oldText()).append(",\n");
      }
    }
    if (hidden > 0) {
      out.append("  ").append(indent).append("... // ").append(hidden).append(" identical field")
          .append(hidden == 1 ? "" : "s").append('\n');
    }
  }

  /** Elements of two lists of equal length: changed ones field by field, runs of equal ones summarized. */
  private static void elements(Schema element, JsonNode oldList, JsonNode newList, int depth, StringBuilder out) {
    String indent = "\t".repeat(depth);
    int same = 0;
    for (int i = 0; i < oldList.size(); i++) {
      if (Checks.semanticallyEqual(oldList.get(i), newList.get(i))) {
        same++;
        continue;
      }
      if (same > 0) {
        out.append("  ").append(indent).append("... // ").append(same).append(" identical element")
            .append(same == 1 ? "" : "s").append('\n');
        same = 0;
      }
      out.append("  ").append(indent).append("{\n");
      struct(element, oldList.get(i), newList.get(i), depth + 1, out);
      out.append("  ").append(indent).append("},\n");
    }
    if (same > 0) {
      out.append("  ").append(indent).append("... // ").append(same).append(" identical element")
          .append(same == 1 ? "" : "s").append('\n');
    }
  }

  private static boolean present(JsonNode n) {
    return n != null && !n.isNull() && !n.isMissingNode();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /** A value in go-cmp's compact form; {@code typed} puts the type in front, as go-cmp does for changed values. */
  private static String value(Schema schema, boolean pointer, JsonNode v, boolean typed) {
    if (!present(v)) {
      return switch (schema.type()) {
        case ARRAY, MAP, BYTES, ANY -> "nil";
        case OBJECT -> pointer ? "nil" : "{}";
        case STRING, DATE_TIME, MICRO_TIME, DURATION -> pointer ? "nil" : "\"\"";
        case BOOLEAN -> pointer ? "nil" : "false";
        case QUANTITY -> pointer ? "nil" : "{}";
        default -> pointer ? "nil" : "0";
      };
    }
    String text = compact(schema, v);
    if (schema.type() == Schema.Type.OBJECT) {
      return (pointer ? "&" : "") + (typed ? typeName(schema) : "") + text;
    }
    if (typed && (schema.type() == Schema.Type.ARRAY || schema.type() == Schema.Type.MAP)) {
      return goTypeOf(schema) + text;
    }
    return (pointer ? "&" : "") + text;
  }

  private static String compact(Schema schema, JsonNode v) {
    if (!present(v)) {
      return "nil";
    }
    switch (schema.type()) {
      case OBJECT -> {
        var parts = new ArrayList<String>();
        for (Map.Entry<String, Field> e : schema.fields().entrySet()) {
          JsonNode f = v.get(e.getKey());
          if (!present(f) || isZero(f)) {
            continue;
          }
          String inner = compact(e.getValue().schema(), f);
          parts.add(goName(e.getKey()) + ": " + (e.getValue().pointer() ? "&" : "") + inner);
        }
        return "{" + String.join(", ", parts) + "}";
      }
      case ARRAY -> {
        var parts = new ArrayList<String>();
        v.forEach(item -> parts.add(compact(schema.element(), item)));
        return "{" + String.join(", ", parts) + "}";
      }
      case MAP -> {
        var parts = new ArrayList<String>();
        var keys = new TreeSet<String>();
        v.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
          parts.add(GoValue.quote(k) + ": " + compact(schema.element(), v.get(k)));
        }
        return "{" + String.join(", ", parts) + "}";
      }
      case INT_OR_STRING -> {
        return v.isTextual() ? "{Type: 1, StrVal: " + GoValue.quote(v.asText()) + "}" : "{IntVal: " + v.asText() + "}";
      }
      case QUANTITY -> {
        return "{s: " + GoValue.quote(v.asText()) + "}";
      }
      case STRING, DATE_TIME, MICRO_TIME, DURATION, BYTES -> {
        return GoValue.quote(v.asText());
      }
      default -> {
        return v.isContainerNode() ? v.toString() : v.asText();
      }
    }
  }

  private static boolean isZero(JsonNode v) {
    return (v.isTextual() && v.asText().isEmpty()) || (v.isBoolean() && !v.asBoolean())
        || (v.isContainerNode() && v.isEmpty()) || (v.isNumber() && v.asDouble() == 0);
  }

  private static String goTypeOf(Schema schema) {
    return switch (schema.type()) {
      case ARRAY -> "[]" + elementType(schema.element());
      case MAP -> "map[string]" + elementType(schema.element());
      default -> "";
    };
  }

  private static String elementType(Schema s) {
    return switch (s.type()) {
      case OBJECT -> typeName(s);
      case STRING -> "string";
      case INT32 -> "int32";
      case INT64 -> "int64";
      case BOOLEAN -> "bool";
      case QUANTITY -> "resource.Quantity";
      default -> goTypeOf(s);
    };
  }

  /** The internal Go type of an object schema: {@code core.PodSpec}, {@code apps.DeploymentSpec}, {@code v1.ObjectMeta}. */
  static String typeName(Schema schema) {
    String name = schema.name();
    if (name == null) {
      return "";
    }
    String[] parts = name.split("\\.");
    String simple = parts[parts.length - 1];
    if (name.startsWith("io.k8s.api.") && parts.length >= 5) {
      return parts[3] + "." + simple;
    }
    return "v1." + simple;
  }

  /** The Go field name of a JSON field ({@code dnsPolicy} is {@code DNSPolicy}). */
  static String goName(String json) {
    String[][] initialisms = {{"api", "API"}, {"uid", "UID"}, {"ip", "IP"}, {"ips", "IPs"}, {"dns", "DNS"},
        {"http", "HTTP"}, {"tcp", "TCP"}, {"grpc", "GRPC"}, {"tty", "TTY"}, {"nfs", "NFS"}, {"iscsi", "ISCSI"},
        {"rbd", "RBD"}, {"fc", "FC"}, {"csi", "CSI"}, {"url", "URL"}, {"pid", "PID"}, {"ipc", "IPC"},
        {"fs", "FS"}, {"id", "ID"}, {"se", "SE"}};
    var words = new ArrayList<String>();
    int start = 0;
    for (int i = 1; i <= json.length(); i++) {
      if (i == json.length()
          || (Character.isUpperCase(json.charAt(i)) && !Character.isUpperCase(json.charAt(i - 1)))) {
        words.add(json.substring(start, i));
        start = i;
      }
    }
    var sb = new StringBuilder();
    for (String w : words) {
      String lower = w.toLowerCase(java.util.Locale.ROOT);
      String replaced = null;
      for (String[] ini : initialisms) {
        if (ini[0].equals(lower)) {
          replaced = ini[1];
        }
      }
      sb.append(replaced != null ? replaced : Character.toUpperCase(w.charAt(0)) + w.substring(1));
    }
    return sb.toString();
  }

  /** The names of the fields that differ, for tests and logs. */
  static List<String> changedFields(Schema schema, JsonNode a, JsonNode b) {
    var out = new ArrayList<String>();
    for (String f : schema.fields().keySet()) {
      if (!Checks.semanticallyEqual(a == null ? null : a.get(f), b == null ? null : b.get(f))) {
        out.add(f);
      }
    }
    return out;
  }
}
