package dev.kubemu.kinds.batch;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a CronJob schedule as robfig/cron v3's {@code ParseStandard} parses it for kube-apiserver (five fields or a
 * descriptor, optionally after {@code TZ=} / {@code CRON_TZ=}), returning that parser's error text.
 */
final class CronSchedule {
  private record Bounds(int min, int max, Map<String, Integer> names) {}

  private static final Bounds MINUTES = new Bounds(0, 59, Map.of());
  private static final Bounds HOURS = new Bounds(0, 23, Map.of());
  private static final Bounds DOM = new Bounds(1, 31, Map.of());
  private static final Bounds MONTHS = new Bounds(1, 12, Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
      Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
      Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12)));
  private static final Bounds DOW = new Bounds(0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
      "fri", 5, "sat", 6));

  private CronSchedule() {}

  /** The parser's error, or null when the schedule parses. */
  static String error(String spec) {
    if (spec.isEmpty()) {
      return "empty spec string";
    }
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      int space = spec.indexOf(' ');
      int eq = spec.indexOf('=');
      String zone = space < 0 ? spec.substring(eq + 1) : spec.substring(eq + 1, space);
      if (!knownZone(zone)) {
        return "provided bad location " + zone + ": unknown time zone " + zone;
      }
      spec = space < 0 ? "" : spec.substring(space).strip();
    }
    if (spec.startsWith("@")) {
      return descriptor(spec);
    }
    String[] fields = spec.strip().isEmpty() ? new String[0] : spec.strip().split("\\s+");
    if (fields.length != 5) {
      return "expected exactly 5 fields, found " + fields.length + ": [" + String.join(" ", Arrays.asList(fields)) + "]";
    }
    Bounds[] bounds = {MINUTES, HOURS, DOM, MONTHS, DOW};
    for (int i = 0; i < 5; i++) {
      String err = field(fields[i], bounds[i]);
      if (err != null) {
        return err;
      }
    }
    return null;
  }

  private static String descriptor(String spec) {
    switch (spec) {
      case "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly" -> {
        return null;
      }
      default -> {
        if (spec.startsWith("@every ")) {
          String duration = spec.substring("@every ".length());
          return GoDuration.valid(duration) ? null
              : "failed to parse duration " + spec + ": time: invalid duration " + quote(duration);
        }
        return "unrecognized descriptor: " + spec;
      }
    }
  }

  private static String field(String field, Bounds r) {
    for (String expr : field.split(",", -1)) {
      String err = range(expr, r);
      if (err != null) {
        return err;
      }
    }
    return null;
  }

  private static String range(String expr, Bounds r) {
    String[] rangeAndStep = expr.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    boolean single = lowAndHigh.length == 1;
    long start;
    long end;
    long step;
    if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
      start = r.min();
      end = r.max();
    } else {
      Object s = intOrName(lowAndHigh[0], r);
      if (s instanceof String err) {
        return err;
      }
      start = (Long) s;
      switch (lowAndHigh.length) {
        case 1 -> end = start;
        case 2 -> {
          Object e = intOrName(lowAndHigh[1], r);
          if (e instanceof String err) {
            return err;
          }
          end = (Long) e;
        }
        default -> {
          return "too many hyphens: " + expr;
        }
      }
    }
    switch (rangeAndStep.length) {
      case 1 -> step = 1;
      case 2 -> {
        Object s = mustParseInt(rangeAndStep[1]);
        if (s instanceof String err) {
          return err;
        }
        step = (Long) s;
        if (single) {
          end = r.max();
        }
      }
      default -> {
        return "too many slashes: " + expr;
      }
    }
    if (start < r.min()) {
      return "beginning of range (" + start + ") below minimum (" + r.min() + "): " + expr;
    }
    if (end > r.max()) {
      return "end of range (" + end + ") above maximum (" + r.max() + "): " + expr;
    }
    if (start > end) {
      return "beginning of range (" + start + ") beyond end of range (" + end + "): " + expr;
    }
    if (step == 0) {
      return "step of range should be a positive number: " + expr;
    }
    return null;
  }

  private static Object intOrName(String expr, Bounds r) {
    Integer named = r.names().get(expr.toLowerCase(Locale.ROOT));
    return named != null ? (Object) (long) named : mustParseInt(expr);
  }

  /** A Long, or robfig's error text. */
  private static Object mustParseInt(String expr) {
    long num;
    try {
      if (!expr.matches("[+-]?[0-9]+")) {
        throw new NumberFormatException();
      }
      num = Long.parseLong(expr);
    } catch (NumberFormatException e) {
      String reason = expr.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax";
      return "failed to parse int from " + expr + ": strconv.Atoi: parsing " + quote(expr) + ": " + reason;
    }
    if (num < 0) {
      return "negative number (" + num + ") not allowed: " + expr;
    }
    return num;
  }

  static boolean knownZone(String zone) {
    if (zone.isEmpty() || zone.equals("UTC") || zone.equals("Local")) {
      return true;
    }
    try {
      java.time.ZoneId.of(zone);
      return !zone.startsWith("+") && !zone.startsWith("-");
    } catch (java.time.DateTimeException e) {
      return false;
    }
  }

  private static String quote(String s) {
    return dev.kubemu.core.errors.GoValue.quote(s);
  }

  /** Go's time.ParseDuration syntax. */
  static final class GoDuration {
    private GoDuration() {}

    static boolean valid(String s) {
      if (s.equals("0")) {
        return true;
      }
      return s.matches("[+-]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+");
    }
  }
}
