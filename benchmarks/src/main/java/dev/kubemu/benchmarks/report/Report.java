package dev.kubemu.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of one suite run as Markdown: a header with the machine and its load, then one table per section.
 * Sections print as soon as they are complete, so a long run shows progress.
 */
public final class Report {
  private final List<String> header = new ArrayList<>();
  private final Map<String, Section> sections = new LinkedHashMap<>();

  /** One table. */
  public static final class Section {
    private final String title;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Section(String title, List<String> columns) {
      this.title = title;
      this.columns = columns;
    }

    public Section row(String... cells) {
      if (cells.length != columns.size()) {
        throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.length);
      }
      rows.add(List.of(cells));
      return this;
    }

    public Section note(String text) {
      notes.add(text);
      return this;
    }

    String markdown() {
      var sb = new StringBuilder("## ").append(title).append("\n\n");
      sb.append("| ").append(String.join(" | ", columns)).append(" |\n");
      sb.append("|").append("---|".repeat(columns.size())).append("\n");
      for (List<String> row : rows) {
        sb.append("| ").append(String.join(" | ", row)).append(" |\n");
      }
      for (String n : notes) {
        sb.append("\n").append(n).append("\n");
      }
      return sb.append("\n").toString();
    }
  }

  public void header(String line) {
    header.add(line);
  }

  public Section section(String title, String... columns) {
    return sections.computeIfAbsent(title, t -> new Section(t, List.of(columns)));
  }

  /** Prints a finished section to standard output. */
  public void print(Section section) {
    System.out.println();
    System.out.print(section.markdown());
    System.out.flush();
  }

  public String markdown() {
    var sb = new StringBuilder("# kubemu benchmark results\n\n");
    header.forEach(h -> sb.append(h).append("\n"));
    sb.append("\n");
    sections.values().forEach(s -> sb.append(s.markdown()));
    return sb.toString();
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown(), StandardCharsets.UTF_8);
  }
}
