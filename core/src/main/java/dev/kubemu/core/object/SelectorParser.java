package dev.kubemu.core.object;

import dev.kubemu.core.object.LabelSelector.Operator;
import dev.kubemu.core.object.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Parses the label selector string syntax into requirements. One instance per string; not thread-safe. */
final class SelectorParser {
  private final String text;
  private int pos;

  SelectorParser(String text) {
    this.text = text;
  }

  List<Requirement> parse() {
    var reqs = new ArrayList<Requirement>();
    while (true) {
      skipSpaces();
      reqs.add(requirement());
      skipSpaces();
      if (pos >= text.length()) {
        break;
      }
      expect(',');
    }
    reqs.sort((a, b) -> a.key().compareTo(b.key()));
    return reqs;
  }

  private Requirement requirement() {
    boolean negated = false;
    if (peek() == '!') {
      pos++;
      negated = true;
      skipSpaces();
    }
    String key = identifier();
    LabelValidation.checkKey(key);
    skipSpaces();
    if (negated) {
      return new Requirement(key, Operator.DOES_NOT_EXIST, Set.of());
    }
    if (pos >= text.length() || peek() == ',') {
      return new Requirement(key, Operator.EXISTS, Set.of());
    }
    if (text.startsWith("==", pos)) {
      pos += 2;
      return single(key, Operator.EQUALS);
    }
    if (text.startsWith("!=", pos)) {
      pos += 2;
      return single(key, Operator.NOT_EQUALS);
    }
    char c = peek();
    if (c == '=') {
      pos++;
      return single(key, Operator.EQUALS);
    }
    if (c == '>' || c == '<') {
      pos++;
      skipSpaces();
      String value = identifier();
      try {
        Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("unable to parse requirement: for 'Gt', 'Lt' operators, the value must be "
            + "an integer");
      }
      return new Requirement(key, c == '>' ? Operator.GREATER_THAN : Operator.LESS_THAN, Set.of(value));
    }
    String word = identifier();
    Operator op = switch (word) {
      case "in" -> Operator.IN;
      case "notin" -> Operator.NOT_IN;
      default -> throw new IllegalArgumentException("unable to parse requirement: found '" + word
          + "', expected: in, notin, =, ==, !=, gt, lt");
    };
    skipSpaces();
    expect('(');
    var values = new TreeSet<String>();
    while (true) {
      skipSpaces();
      if (peek() == ')') {
        break;
      }
      String v = identifier();
      LabelValidation.checkValue(v);
      values.add(v);
      skipSpaces();
      if (peek() == ',') {
        pos++;
        continue;
      }
      if (peek() != ')') {
        throw new IllegalArgumentException("unable to parse requirement: found '" + rest() + "', expected: ',', ')'");
      }
    }
    expect(')');
    if (values.isEmpty()) {
      throw new IllegalArgumentException("unable to parse requirement: for 'in', 'notin' operators, values set can't "
          + "be empty");
    }
    return new Requirement(key, op, values);
  }

  private Requirement single(String key, Operator op) {
    skipSpaces();
    String value = pos < text.length() && peek() != ',' ? identifier() : "";
    LabelValidation.checkValue(value);
    return new Requirement(key, op, Set.of(value));
  }

  private String identifier() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == ',' || c == '=' || c == '!' || c == '(' || c == ')' || c == '<' || c == '>') {
        break;
      }
      pos++;
    }
    if (start == pos) {
      throw new IllegalArgumentException("unable to parse requirement: found '" + rest() + "', expected: identifier");
    }
    return text.substring(start, pos);
  }

  private void expect(char c) {
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw new IllegalArgumentException("unable to parse requirement: found '" + rest() + "', expected: '" + c + "'");
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private String rest() {
    return pos >= text.length() ? "" : text.substring(pos);
  }

  private void skipSpaces() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
  }
}
