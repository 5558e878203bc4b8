package dev.kubemu.kinds.printing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubemu.core.printing.PrinterColumn;
import dev.kubemu.core.registry.ResourceType;
import dev.kubemu.kinds.BuiltinTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Column descriptions are kubemu's own words: one short sentence per column. Upstream's descriptions are API doc
 * strings (long, several sentences, links, "fieldName is ..." openings); this keeps them from creeping back in.
 */
class ColumnDescriptionsTest {
  private static final int MAX_LENGTH = 110;
  /** A sentence end followed by more text means a second sentence. */
  private static final Pattern SECOND_SENTENCE = Pattern.compile("[.!?]\\s+\\S");
  /** The opening of a Go field doc comment, such as "CreationTimestamp is" or "volumeMode defines". */
  private static final Pattern FIELD_DOC_OPENING = Pattern.compile(
      "^[A-Za-z][a-z]+[A-Z][A-Za-z]* (is|are|defines|contains|represents|indicates|shows|controls) ");

  private static Map<String, List<PrinterColumn>> allTables() {
    var tables = new LinkedHashMap<String, List<PrinterColumn>>();
    for (ResourceType type : BuiltinTypes.registry().all()) {
      tables.put(type.plural() + (type.group().isEmpty() ? "" : "." + type.group()), type.printerColumns());
    }
    tables.put("scale subresource", ScalePrinters.columns());
    tables.put("default table", DefaultPrinters.columns());
    return tables;
  }

  @Test
  void everyColumnHasOneShortSentenceOfItsOwn() {
    var problems = new ArrayList<String>();
    allTables().forEach((table, columns) -> {
      for (PrinterColumn column : columns) {
        String d = column.description();
        String where = table + " " + column.name() + ": \"" + d + "\" ";
        if (d.isBlank()) {
          problems.add(where + "is empty");
          continue;
        }
        if (d.length() > MAX_LENGTH) {
          problems.add(where + "is longer than " + MAX_LENGTH + " characters");
        }
        if (!Character.isUpperCase(d.charAt(0)) || !d.endsWith(".")) {
          problems.add(where + "is not a sentence (capital first, full stop last)");
        }
        if (SECOND_SENTENCE.matcher(d).find()) {
          problems.add(where + "has more than one sentence");
        }
        if (d.contains("http") || d.contains("More info")) {
          problems.add(where + "carries a link");
        }
        if (FIELD_DOC_OPENING.matcher(d).find()) {
          problems.add(where + "reads like an API field's doc string");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void theCheckCatchesDocStrings() {
    assertThat(FIELD_DOC_OPENING.matcher("CreationTimestamp is a timestamp.").find()).isTrue();
    assertThat(FIELD_DOC_OPENING.matcher("volumeMode defines what type of volume is required.").find()).isTrue();
    assertThat(FIELD_DOC_OPENING.matcher("How long ago the object was created.").find()).isFalse();
    assertThat(SECOND_SENTENCE.matcher("Name must be unique. Cannot be updated.").find()).isTrue();
    assertThat(SECOND_SENTENCE.matcher("Used/hard amounts of the limits.* quota items.").find()).isFalse();
  }
}
