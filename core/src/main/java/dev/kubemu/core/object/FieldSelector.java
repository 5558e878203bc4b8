package dev.kubemu.core.object;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A field selector ({@code ?fieldSelector=metadata.name=x,status.phase!=Failed}). Terms are ANDed; values may escape
 * {@code \,}, {@code \=} and {@code \\}. Immutable.
 */
public final class FieldSelector {
  /** One term. */
  public record Term(String field, boolean equals, String value) {}

  private static final FieldSelector EVERYTHING = new FieldSelector(List.of());
  private final List<Term> terms;

  private FieldSelector(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  public static FieldSelector everything() {
    return EVERYTHING;
  }

  public List<Term> terms() {
    return terms;
  }

  public boolean isEverything() {
    return terms.isEmpty();
  }

  /** The value an equality term requires for {@code field}, if any (lets the store narrow by name or namespace). */
  public java.util.Optional<String> requiredValue(String field) {
    return terms.stream().filter(t -> t.equals() && t.field().equals(field)).map(Term::value).findFirst();
  }

  /** Parses the string form; throws {@link IllegalArgumentException} on syntax errors. */
  public static FieldSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    var terms = new ArrayList<Term>();
    for (String part : splitUnescaped(text, ',')) {
      if (part.isEmpty()) {
        continue;
      }
      int i = indexOfOperator(part);
      if (i < 0) {
        throw new IllegalArgumentException("invalid selector: '" + text + "'; can't understand '" + part + "'");
      }
      String field = part.substring(0, i).trim();
      boolean notEquals = part.startsWith("!=", i);
      boolean doubleEquals = part.startsWith("==", i);
      String value = part.substring(i + (notEquals || doubleEquals ? 2 : 1));
      terms.add(new Term(field, !notEquals, unescape(value)));
    }
    return new FieldSelector(terms);
  }

  /**
   * Checks every term's field is known; {@code extractors} maps supported field labels to their value.
   * Throws {@link IllegalArgumentException} with kube-apiserver's message for an unknown label.
   */
  public void checkSupported(Map<String, Function<JsonNode, String>> extractors) {
    for (Term t : terms) {
      if (!extractors.containsKey(t.field())) {
        throw new IllegalArgumentException("field label not supported: " + t.field());
      }
    }
  }

  public boolean matches(JsonNode object, Map<String, Function<JsonNode, String>> extractors) {
    for (Term t : terms) {
      var extractor = extractors.get(t.field());
      String actual = extractor == null ? "" : extractor.apply(object);
      if (actual.equals(t.value()) != t.equals()) {
        return false;
      }
    }
    return true;
  }

  private static int indexOfOperator(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '\\') {
        i++;
        continue;
      }
      if (c == '=' || (c == '!' && i + 1 < part.length() && part.charAt(i + 1) == '=')) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> splitUnescaped(String text, char sep) {
    var parts = new ArrayList<String>();
    var current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
      } else if (c == sep) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  private static String unescape(String value) {
    var sb = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        c = value.charAt(++i);
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
