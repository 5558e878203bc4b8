package dev.kubemu.core.schema;

/** Where Go's standard base64 decoder (with padding) first finds corrupt input. */
final class Base64Check {
  private Base64Check() {}

  /** The index Go's {@code CorruptInputError} reports for {@code text}, or -1 when it decodes. */
  static int firstCorruptByte(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
      if (c == '=') {
        // padding only in the last one or two places of a complete quantum
        int quantumPos = i % 4;
        boolean validPadding = n % 4 == 0 && (i == n - 1 && quantumPos >= 2 || i == n - 2 && quantumPos == 2
            && text.charAt(n - 1) == '=');
        if (!validPadding) {
          return i;
        }
        continue;
      }
      if (!alphabet && c != '\r' && c != '\n') {
        return i;
      }
    }
    int meaningful = text.replace("\r", "").replace("\n", "").length();
    if (meaningful % 4 != 0) {
      return meaningful - meaningful % 4;
    }
    return -1;
  }
}
