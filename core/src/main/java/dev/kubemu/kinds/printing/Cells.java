package dev.kubemu.kinds.printing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.object.LabelSelector;
import dev.kubemu.core.printing.CellFunction;
import dev.kubemu.core.printing.HumanDuration;
import dev.kubemu.core.printing.PrinterColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Cell helpers shared by the printers, each matching one kube printer idiom. */
final class Cells {
  static final String NONE = "<none>";

  private Cells() {}

  static PrinterColumn age() {
    return PrinterColumn.of("Age", "string", "How long ago the object was created.",
        (o, now) -> HumanDuration.age(o.path("metadata").get("creationTimestamp"), now));
  }

  static PrinterColumn text(String name, String description, String pointer) {
    return PrinterColumn.of(name, "string", description, (o, now) -> o.at(pointer).asText(""));
  }

  static PrinterColumn integer(String name, String description, String pointer) {
    return PrinterColumn.of(name, "integer", description, (o, now) -> o.at(pointer).asLong(0));
  }

  static CellFunction joinedContainerField(String pointerToContainers, String field) {
    return (o, now) -> {
      var values = new ArrayList<String>();
      o.at(pointerToContainers).forEach(c -> values.add(c.path(field).asText("")));
      return String.join(",", values);
    };
  }

  /** {@code labels.FormatLabels}: {@code a=b,c=d} sorted by key, {@code <none>} when empty. */
  static String formatLabels(JsonNode map) {
    if (!map.isObject() || map.isEmpty()) {
      return NONE;
    }
    var sorted = new TreeMap<String, String>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    var parts = new ArrayList<String>();
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      parts.add(e.getKey() + "=" + e.getValue());
    }
    return String.join(",", parts);
  }

  /** {@code metav1.FormatLabelSelector}: {@code <none>} for nil or empty, else the selector string. */
  static String formatSelector(JsonNode selector) {
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return NONE;
    }
    if (selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty()) {
      return NONE;
    }
    try {
      String s = LabelSelector.fromJson(selector).toString();
      return s.isEmpty() ? NONE : s;
    } catch (IllegalArgumentException e) {
      return "<error>";
    }
  }

  /** {@code RWO,RWX,...} as the printer abbreviates access modes. */
  static String accessModes(JsonNode modes) {
    var out = new ArrayList<String>();
    for (String mode : List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")) {
      for (JsonNode m : modes) {
        if (m.asText().equals(mode)) {
          out.add(switch (mode) {
            case "ReadWriteOnce" -> "RWO";
            case "ReadOnlyMany" -> "ROX";
            case "ReadWriteMany" -> "RWX";
            default -> "RWOP";
          });
          break;
        }
      }
    }
    return String.join(",", out);
  }

  static String orNone(String value) {
    return value == null || value.isEmpty() ? NONE : value;
  }
}
