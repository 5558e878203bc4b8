package dev.kubemu.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.object.Quantity;
import dev.kubemu.core.schema.Field;
import dev.kubemu.core.schema.Schema;
import dev.kubemu.core.schema.SchemaCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Go's {@code %#v} of a whole API struct, built from its schema: every field in declaration order with its zero value
 * when unset, nested structs with their type names, pointers as addresses. kube-apiserver shows values like this when a
 * validation reports a struct ({@code spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable}).
 * The internal Go types differ a little from the versioned ones this walks; the text is a faithful likeness.
 */
public final class GoSyntax {
  private GoSyntax() {}

  /** The value of the definition named {@code definition} ({@code io.k8s.api.core.v1.PodTemplateSpec}). */
  public static GoValue of(String definition, JsonNode value) {
    Schema schema = SchemaCatalog.builtin().definition(definition).orElse(null);
    if (schema == null) {
      return GoValue.raw(value == null ? "nil" : value.toString());
    }
    return GoValue.raw(struct(schema, value, new int[1]));
  }

  /** The n-th pointer of one value: addresses differ within a value, as heap addresses do. */
  private static String address(int[] pointers) {
    return "0x" + Long.toHexString(0xc000a1b2c0L + 0x30L * pointers[0]++);
  }

  private static String struct(Schema schema, JsonNode value, int[] pointers) {
    var sb = new StringBuilder(GoDiff.typeName(schema)).append('{');
    boolean first = true;
    for (Map.Entry<String, Field> e : schema.fields().entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      JsonNode v = value == null ? null : value.get(e.getKey());
      sb.append(GoDiff.goName(e.getKey())).append(':').append(field(e.getValue(), v, pointers));
    }
    return sb.append('}').toString();
  }

  private static String field(Field f, JsonNode v, int[] pointers) {
    boolean present = v != null && !v.isNull() && !v.isMissingNode();
    Schema s = f.schema();
    if (f.pointer()) {
      String type = "*" + goType(s, f);
      return present ? "(" + type + ")(" + address(pointers) + ")" : "(" + type + ")(nil)";
    }
    return value(s, f, v, present, pointers);
  }

  private static String value(Schema s, Field f, JsonNode v, boolean present, int[] pointers) {
    return switch (s.type()) {
      case OBJECT -> struct(s, present ? v : null, pointers);
      case ARRAY -> {
        String type = goType(s, f);
        if (!present) {
          yield type + "(nil)";
        }
        var items = new ArrayList<String>();
        v.forEach(item -> items.add(value(s.element(), null, item, item != null && !item.isNull(), pointers)));
        yield type + "{" + String.join(", ", items) + "}";
      }
      case MAP -> {
        String type = goType(s, f);
        if (!present) {
          yield type + "(nil)";
        }
        var entries = new TreeMap<String, String>();
        v.fields().forEachRemaining(e -> entries.put(e.getKey(),
            value(s.element(), null, e.getValue(), !e.getValue().isNull(), pointers)));
        var parts = new ArrayList<String>();
        entries.forEach((k, val) -> parts.add(GoValue.quote(k) + ":" + val));
        yield type + "{" + String.join(", ", parts) + "}";
      }
      case STRING, DURATION -> GoValue.quote(present ? v.asText() : "");
      case BYTES -> present ? "[]uint8{...}" : "[]uint8(nil)";
      case BOOLEAN -> Boolean.toString(present && v.asBoolean());
      case INT32, INT64 -> present ? Long.toString(v.asLong()) : "0";
      case DOUBLE -> present ? v.asText() : "0";
      case INT_OR_STRING -> GoValue.intOrString(present ? v : null).toString();
      case QUANTITY -> quantity(present ? v.asText() : "0");
      case DATE_TIME, MICRO_TIME -> (s.type() == Schema.Type.DATE_TIME ? "v1.Time" : "v1.MicroTime")
          + "{Time:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)}";
      case ANY -> present ? v.toString() : "nil";
    };
  }

  /** A {@code resource.Quantity} as {@code %#v} prints it. */
  public static String quantity(String text) {
    try {
      Quantity q = Quantity.parse(text);
      BigDecimal value = q.value().stripTrailingZeros();
      int scale = -value.scale();
      String format = switch (q.format()) {
        case BINARY_SI -> "BinarySI";
        case DECIMAL_EXPONENT -> "DecimalExponent";
        default -> "DecimalSI";
      };
      return "resource.Quantity{i:resource.int64Amount{value:" + value.unscaledValue() + ", scale:" + scale
          + "}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:" + GoValue.quote(text) + ", Format:\"" + format
          + "\"}";
    } catch (IllegalArgumentException | ArithmeticException e) {
      return "resource.Quantity{s:" + GoValue.quote(text) + "}";
    }
  }

  private static String goType(Schema s, Field f) {
    if (f != null && f.goType() != null && !f.goType().isEmpty()) {
      String t = f.goType();
      // the internal types live in the API group's package: []v1.Container is []core.Container
      if (s.type() == Schema.Type.OBJECT) {
        return GoDiff.typeName(s);
      }
      Schema element = s.element();
      if (element != null && element.type() == Schema.Type.OBJECT) {
        return (s.type() == Schema.Type.MAP ? "map[string]" : "[]") + GoDiff.typeName(element);
      }
      return t.replace("v1.ResourceList", "core.ResourceList");
    }
    return switch (s.type()) {
      case OBJECT -> GoDiff.typeName(s);
      case ARRAY -> "[]" + goType(s.element(), null);
      case MAP -> "map[string]" + goType(s.element(), null);
      case STRING -> "string";
      case INT32 -> "int32";
      case INT64 -> "int64";
      case BOOLEAN -> "bool";
      case QUANTITY -> "resource.Quantity";
      default -> "interface {}";
    };
  }
}
