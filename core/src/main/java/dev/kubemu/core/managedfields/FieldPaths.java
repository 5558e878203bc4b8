package dev.kubemu.core.managedfields;

import java.util.List;

/** Printing of field paths as SMD prints them in conflicts: {@code .spec.template.spec.containers[name="web"].image}. */
final class FieldPaths {
  private FieldPaths() {}

  static String toString(List<PathElement> path) {
    var sb = new StringBuilder();
    path.forEach(pe -> sb.append(pe));
    return sb.toString();
  }

  static List<PathElement> append(List<PathElement> path, PathElement pe) {
    var out = new java.util.ArrayList<PathElement>(path.size() + 1);
    out.addAll(path);
    out.add(pe);
    return out;
  }
}
