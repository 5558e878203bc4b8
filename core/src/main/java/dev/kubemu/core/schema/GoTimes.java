package dev.kubemu.core.schema;

import java.util.regex.Pattern;

/** The checks Go's time package makes when metav1.Time and metav1.Duration values are decoded, with its messages. */
final class GoTimes {
  private static final String LAYOUT = "2006-01-02T15:04:05Z07:00";
  private static final Pattern DURATION =
      Pattern.compile("[-+]?(0|([0-9]*(\\.[0-9]*)?(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)");

  private GoTimes() {}

  /**
   * Null when {@code value} is an RFC 3339 time, else the error {@code time.Parse(time.RFC3339, value)} returns:
   * {@code parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"}.
   */
  static String rfc3339Problem(String value) {
    // layout elements in order: digits of a given width, or literal text
    String[] elements = {"2006", "-", "01", "-", "02", "T", "15", ":", "04", ":", "05", "Z07:00"};
    int pos = 0;
    for (String element : elements) {
      String rest = value.substring(pos);
      int next = match(element, value, pos);
      if (next < 0) {
        return "parsing time \"" + value + "\" as \"" + LAYOUT + "\": cannot parse \"" + rest + "\" as \""
            + element + "\"";
      }
      pos = next;
    }
    if (pos < value.length()) {
      return "parsing time \"" + value + "\": extra text: \"" + value.substring(pos) + "\"";
    }
    return rangeProblem(value);
  }

  /** The position after {@code element} at {@code pos}, or -1. */
  private static int match(String element, String value, int pos) {
    switch (element) {
      case "2006" -> {
        return digits(value, pos, 4);
      }
      case "01", "02", "15", "04" -> {
        return digits(value, pos, 2);
      }
      case "05" -> {
        int end = digits(value, pos, 2);
        if (end > 0 && end < value.length() && (value.charAt(end) == '.' || value.charAt(end) == ',')) {
          int frac = end + 1;
          while (frac < value.length() && Character.isDigit(value.charAt(frac))) {
            frac++;
          }
          return frac > end + 1 ? frac : end;
        }
        return end;
      }
      case "Z07:00" -> {
        if (pos < value.length() && value.charAt(pos) == 'Z') {
          return pos + 1;
        }
        if (pos + 6 <= value.length() && (value.charAt(pos) == '+' || value.charAt(pos) == '-')
            && digits(value, pos + 1, 2) > 0 && value.charAt(pos + 3) == ':' && digits(value, pos + 4, 2) > 0) {
          return pos + 6;
        }
        return -1;
      }
      default -> {
        return value.startsWith(element, pos) ? pos + element.length() : -1;
      }
    }
  }

  private static int digits(String value, int pos, int width) {
    if (pos + width > value.length()) {
      return -1;
    }
    for (int i = pos; i < pos + width; i++) {
      if (!Character.isDigit(value.charAt(i))) {
        return -1;
      }
    }
    return pos + width;
  }

  private static String rangeProblem(String value) {
    int month = Integer.parseInt(value.substring(5, 7));
    int day = Integer.parseInt(value.substring(8, 10));
    int hour = Integer.parseInt(value.substring(11, 13));
    int minute = Integer.parseInt(value.substring(14, 16));
    int second = Integer.parseInt(value.substring(17, 19));
    String prefix = "parsing time \"" + value + "\": ";
    if (month < 1 || month > 12) {
      return prefix + "month out of range";
    }
    int year = Integer.parseInt(value.substring(0, 4));
    if (day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return prefix + "day out of range";
    }
    if (hour > 23) {
      return prefix + "hour out of range";
    }
    if (minute > 59) {
      return prefix + "minute out of range";
    }
    if (second > 59) {
      return prefix + "second out of range";
    }
    return null;
  }

  /** Whether {@code time.ParseDuration} accepts {@code value} ({@code 1m30s}, {@code 0}, {@code 1.5h}). */
  static boolean isDuration(String value) {
    return !value.isEmpty() && DURATION.matcher(value).matches() && !value.matches("[-+]?") ;
  }
}
