package dev.kubemu.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written matchers accept exactly what apimachinery's regexes accept. */
class NameShapesTest {
  /** Characters that sit on the edges of the character classes, plus some outside ASCII. */
  private static final String ALPHABET = "aAzZ09m-_./*%:é ";

  private record Shape(String regex, Predicate<String> matcher) {}

  private static final List<Shape> SHAPES = List.of(
      new Shape(Syntax.QNAME_FMT, NameShapes::qualifiedNamePart),
      new Shape(Syntax.DNS1123_LABEL_FMT, NameShapes::dns1123Label),
      new Shape(Syntax.DNS1123_SUBDOMAIN_FMT, NameShapes::dns1123Subdomain),
      new Shape(Syntax.DNS1035_LABEL_FMT, NameShapes::dns1035Label),
      new Shape(Syntax.C_IDENTIFIER_FMT, NameShapes::cIdentifier));

  @Test
  void agreesWithTheRegexesOnEveryShortString() {
    // every string of up to four characters over the alphabet: all edge positions and neighbours
    for (Shape shape : SHAPES) {
      Pattern regex = Pattern.compile(shape.regex());
      forAllStrings("", 4, s -> assertThat(shape.matcher().test(s)).as("%s on '%s'", shape.regex(), s)
          .isEqualTo(regex.matcher(s).matches()));
    }
  }

  @Test
  void agreesWithTheRegexesOnLongerRandomStrings() {
    var random = new Random(42);
    for (Shape shape : SHAPES) {
      Pattern regex = Pattern.compile(shape.regex());
      for (int i = 0; i < 20_000; i++) {
        var sb = new StringBuilder();
        int length = 5 + random.nextInt(20);
        for (int j = 0; j < length; j++) {
          // mostly lower-case letters, so that some strings match
          sb.append(random.nextInt(3) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length()))
              : (char) ('a' + random.nextInt(26)));
        }
        String s = sb.toString();
        assertThat(shape.matcher().test(s)).as("%s on '%s'", shape.regex(), s).isEqualTo(regex.matcher(s).matches());
      }
    }
  }

  @Test
  void typicalNames() {
    assertThat(NameShapes.dns1123Subdomain("web-7d4b9c6f5-x2x9z.example.com")).isTrue();
    assertThat(NameShapes.dns1123Subdomain("web..com")).isFalse();
    assertThat(NameShapes.qualifiedNamePart("app.kubernetes.io_Name-1")).isTrue();
    assertThat(NameShapes.dns1035Label("1abc")).isFalse();
    assertThat(NameShapes.cIdentifier("_MY_VAR1")).isTrue();
  }

  private static void forAllStrings(String prefix, int maxLength, java.util.function.Consumer<String> check) {
    check.accept(prefix);
    if (prefix.length() == maxLength) {
      return;
    }
    for (char c : ALPHABET.toCharArray()) {
      forAllStrings(prefix + c, maxLength, check);
    }
  }
}
