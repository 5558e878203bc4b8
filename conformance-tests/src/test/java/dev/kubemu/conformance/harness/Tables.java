package dev.kubemu.conformance.harness;

import java.util.ArrayList;
import java.util.List;

/** Reads kubectl's column output regardless of padding: cells are separated by two or more spaces. */
public final class Tables {
  private Tables() {}

  public static List<List<String>> rows(String output) {
    var rows = new ArrayList<List<String>>();
    for (String line : output.split("\n")) {
      if (!line.isBlank()) {
        rows.add(List.of(line.trim().split(" {2,}")));
      }
    }
    return rows;
  }

  public static List<String> header(String output) {
    return rows(output).get(0);
  }

  /** The row whose first cell is {@code name} (or ends with /name). */
  public static List<String> row(String output, String name) {
    for (List<String> row : rows(output)) {
      if (row.get(0).equals(name) || row.get(0).endsWith("/" + name)) {
        return row;
      }
    }
    throw new AssertionError("no row " + name + " in:\n" + output);
  }
}
