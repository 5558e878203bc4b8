package dev.kubemu.kinds.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.errors.FieldError;
import dev.kubemu.core.errors.GoValue;
import dev.kubemu.core.validation.Checks;
import dev.kubemu.core.validation.Path;
import dev.kubemu.core.validation.Syntax;
import java.util.ArrayList;
import java.util.List;

/** Int-or-percent fields (maxSurge, maxUnavailable, minAvailable) as apps validation checks them. */
public final class IntOrPercent {
  private IntOrPercent() {}

  /** ValidatePositiveIntOrPercent: a non-negative integer or a percentage string. */
  public static List<FieldError> positive(JsonNode value, Path path) {
    var errs = new ArrayList<FieldError>();
    if (value != null && value.isTextual()) {
      for (String msg : Syntax.percent(value.asText())) {
        errs.add(path.invalid(GoValue.intOrString(value), msg));
      }
    } else {
      errs.addAll(Checks.nonNegative(value == null || value.isNull() ? 0 : value.asLong(), path));
    }
    return errs;
  }

  /** IsNotMoreThan100Percent. */
  public static List<FieldError> notMoreThan100Percent(JsonNode value, Path path) {
    Integer percent = percent(value);
    if (percent == null || percent <= 100) {
      return List.of();
    }
    return List.of(path.invalid(GoValue.intOrString(value), "must not be greater than 100%"));
  }

  /** getIntOrPercentValue: the percentage, or the integer (a string that is no number counts as 0). */
  public static int value(JsonNode value) {
    Integer percent = percent(value);
    if (percent != null) {
      return percent;
    }
    if (value == null || value.isNull()) {
      return 0;
    }
    if (value.isTextual()) {
      try {
        return Integer.parseInt(value.asText());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return value.asInt();
  }

  private static Integer percent(JsonNode value) {
    if (value == null || !value.isTextual() || !Syntax.percent(value.asText()).isEmpty()) {
      return null;
    }
    String text = value.asText();
    try {
      return Integer.parseInt(text.substring(0, text.length() - 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
