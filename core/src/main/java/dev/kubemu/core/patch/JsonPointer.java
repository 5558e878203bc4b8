package dev.kubemu.core.patch;

import java.util.ArrayList;
import java.util.List;

/** RFC 6901 JSON Pointer parsing with {@code ~0}/{@code ~1} unescaping. */
public final class JsonPointer {
  private JsonPointer() {}

  /** The reference tokens of a pointer; {@code ""} is the whole document (no tokens). */
  public static List<String> parse(String pointer) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (pointer.charAt(0) != '/') {
      throw new PatchException("JSON pointer must be empty or start with a \"/\": \"" + pointer + "\"");
    }
    var tokens = new ArrayList<String>();
    int start = 1;
    while (true) {
      int slash = pointer.indexOf('/', start);
      String raw = slash < 0 ? pointer.substring(start) : pointer.substring(start, slash);
      tokens.add(raw.replace("~1", "/").replace("~0", "~"));
      if (slash < 0) {
        return tokens;
      }
      start = slash + 1;
    }
  }
}
