package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's complaints about malformed JSON in the words of Go's encoding/json, which kube-apiserver's decoder
 * reports after {@code couldn't get version/kind; json parse error: }. Messages Jackson phrases in ways without a Go
 * counterpart keep Jackson's text, without its source location.
 */
final class GoJsonErrors {
  private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.)' \\(code \\d+\\)\\)");
  private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '(.)");

  private GoJsonErrors() {}

  static String describe(JsonProcessingException e) {
    if (e instanceof JsonEOFException) {
      return "unexpected end of JSON input";
    }
    if (e instanceof StreamConstraintsException && e.getOriginalMessage().contains("nesting depth")) {
      return "exceeded max depth";
    }
    String message = e.getOriginalMessage();
    Matcher unexpected = UNEXPECTED.matcher(message);
    if (unexpected.find()) {
      return "invalid character " + quote(unexpected.group(1)) + " " + context(message);
    }
    // a bad literal that starts like true, false or null fails later in Go ("in literal true"), so keep Jackson's
    Matcher unrecognized = UNRECOGNIZED.matcher(message);
    if (unrecognized.find() && !"tfn".contains(unrecognized.group(1))) {
      return "invalid character " + quote(unrecognized.group(1)) + " looking for beginning of value";
    }
    return message;
  }

  /** Go's quoting of the character in these messages: in single quotes, a single quote escaped. */
  private static String quote(String c) {
    return c.equals("'") ? "'\\''" : "'" + c + "'";
  }

  /** Where Go's scanner was when it met the character, from what Jackson says it expected instead. */
  private static String context(String message) {
    if (message.contains("double-quote to start field name")) {
      return "looking for beginning of object key string";
    }
    if (message.contains("colon to separate field name and value")) {
      return "after object key";
    }
    if (message.contains("separate Object entries")) {
      return "after object key:value pair";
    }
    if (message.contains("separate Array entries")) {
      return "after array element";
    }
    return "looking for beginning of value";
  }
}
