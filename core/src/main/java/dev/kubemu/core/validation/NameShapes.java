package dev.kubemu.core.validation;

/**
 * Hand-written matchers for the name regexes of apimachinery's {@code pkg/util/validation} that every object's
 * labels, names and containers go through on every write. Each accepts exactly what its regex in {@link Syntax}
 * accepts (NameShapesTest checks them against the regexes); {@code java.util.regex} took a tenth of a pod update.
 */
final class NameShapes {
  private NameShapes() {}

  /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. */
  static boolean qualifiedNamePart(String s) {
    int n = s.length();
    if (n == 0 || !alphanumeric(s.charAt(0)) || !alphanumeric(s.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = s.charAt(i);
      if (!alphanumeric(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}. */
  static boolean dns1123Label(String s) {
    return dns1123Label(s, 0, s.length());
  }

  /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*}. */
  static boolean dns1123Subdomain(String s) {
    int start = 0;
    while (true) {
      int dot = s.indexOf('.', start);
      int end = dot < 0 ? s.length() : dot;
      if (!dns1123Label(s, start, end)) {
        return false;
      }
      if (dot < 0) {
        return true;
      }
      start = dot + 1;
    }
  }

  /** {@code [a-z]([-a-z0-9]*[a-z0-9])?}. */
  static boolean dns1035Label(String s) {
    return !s.isEmpty() && lowerLetter(s.charAt(0)) && dns1123Label(s, 0, s.length());
  }

  /** {@code [A-Za-z_][A-Za-z0-9_]*}. */
  static boolean cIdentifier(String s) {
    int n = s.length();
    if (n == 0 || !(letter(s.charAt(0)) || s.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (!alphanumeric(c) && c != '_') {
        return false;
      }
    }
    return true;
  }

  private static boolean dns1123Label(String s, int from, int to) {
    if (to <= from || !lowerAlphanumeric(s.charAt(from)) || !lowerAlphanumeric(s.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = s.charAt(i);
      if (!lowerAlphanumeric(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean lowerLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean letter(char c) {
    return lowerLetter(c) || c >= 'A' && c <= 'Z';
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean lowerAlphanumeric(char c) {
    return lowerLetter(c) || digit(c);
  }

  private static boolean alphanumeric(char c) {
    return letter(c) || digit(c);
  }
}
