package dev.kubemu.core.object;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A label selector: the string syntax of {@code ?labelSelector=} ({@code a=b,c!=d,e in (f,g),h notin (i),j,!k,l>3})
 * and the structured {@code matchLabels}/{@code matchExpressions} form. Immutable.
 */
public final class LabelSelector {
  /** The operators a requirement can use. */
  public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

  /** One requirement; {@code values} is sorted, as apimachinery keeps it. */
  public record Requirement(String key, Operator operator, Set<String> values) {
    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (operator) {
        case EQUALS, IN -> v != null && values.contains(v);
        case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
        case EXISTS -> v != null;
        case DOES_NOT_EXIST -> v == null;
        case GREATER_THAN, LESS_THAN -> {
          if (v == null) {
            yield false;
          }
          try {
            long have = Long.parseLong(v);
            long want = Long.parseLong(values.iterator().next());
            yield operator == Operator.GREATER_THAN ? have > want : have < want;
          } catch (NumberFormatException e) {
            yield false;
          }
        }
      };
    }
  }

  private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
  private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

  private final List<Requirement> requirements;
  private final boolean matchesNothing;

  private LabelSelector(List<Requirement> requirements, boolean matchesNothing) {
    this.requirements = List.copyOf(requirements);
    this.matchesNothing = matchesNothing;
  }

  public static LabelSelector everything() {
    return EVERYTHING;
  }

  public static LabelSelector nothing() {
    return NOTHING;
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  public boolean isEverything() {
    return !matchesNothing && requirements.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    if (matchesNothing) {
      return false;
    }
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses the string syntax. Throws {@link IllegalArgumentException} with apimachinery's kind of message on bad
   * input; callers turn it into a 400.
   */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    return new LabelSelector(new SelectorParser(text).parse(), false);
  }

  /**
   * The structured {@code metav1.LabelSelector}. A null/missing selector matches nothing and an empty one matches
   * everything, as {@code metav1.LabelSelectorAsSelector} does.
   */
  public static LabelSelector fromJson(JsonNode selector) {
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return NOTHING;
    }
    var reqs = new ArrayList<Requirement>();
    selector.path("matchLabels").fields().forEachRemaining(e ->
        reqs.add(new Requirement(e.getKey(), Operator.EQUALS, Set.of(e.getValue().asText()))));
    for (JsonNode expr : selector.path("matchExpressions")) {
      String key = expr.path("key").asText();
      var values = new TreeSet<String>();
      expr.path("values").forEach(v -> values.add(v.asText()));
      Operator op = switch (expr.path("operator").asText()) {
        case "In" -> Operator.IN;
        case "NotIn" -> Operator.NOT_IN;
        case "Exists" -> Operator.EXISTS;
        case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
        default -> throw new IllegalArgumentException("\"" + expr.path("operator").asText()
            + "\" is not a valid label selector operator");
      };
      reqs.add(new Requirement(key, op, values));
    }
    reqs.sort((a, b) -> a.key().compareTo(b.key()));
    return new LabelSelector(reqs, false);
  }

  /** A selector matching exactly these labels ({@code a=b,c=d}). */
  public static LabelSelector fromMap(Map<String, String> labels) {
    var reqs = labels.entrySet().stream()
        .map(e -> new Requirement(e.getKey(), Operator.EQUALS, Set.of(e.getValue())))
        .sorted((a, b) -> a.key().compareTo(b.key()))
        .toList();
    return new LabelSelector(reqs, false);
  }

  /** The canonical string form, as {@code labels.Selector.String()} prints it. */
  @Override
  public String toString() {
    if (matchesNothing) {
      return "<none>";
    }
    return requirements.stream().map(LabelSelector::render).collect(Collectors.joining(","));
  }

  private static String render(Requirement r) {
    String values = String.join(",", r.values());
    return switch (r.operator()) {
      case EQUALS -> r.key() + "=" + values;
      case NOT_EQUALS -> r.key() + "!=" + values;
      case IN -> r.key() + " in (" + values + ")";
      case NOT_IN -> r.key() + " notin (" + values + ")";
      case EXISTS -> r.key();
      case DOES_NOT_EXIST -> "!" + r.key();
      case GREATER_THAN -> r.key() + ">" + values;
      case LESS_THAN -> r.key() + "<" + values;
    };
  }
}
