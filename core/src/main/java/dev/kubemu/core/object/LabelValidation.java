package dev.kubemu.core.object;

import java.util.regex.Pattern;

/** The syntax rules for label keys (qualified names) and values, with apimachinery's messages. */
public final class LabelValidation {
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  public static final String VALUE_MESSAGE = "a valid label must be an empty string or consist of alphanumeric "
      + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
      + "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  public static final String NAME_MESSAGE = "name part must consist of alphanumeric characters, '-', '_' or '.', and "
      + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used "
      + "for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

  private LabelValidation() {}

  /** Problems with a qualified name ({@code prefix/name}); empty when valid. */
  public static java.util.List<String> keyProblems(String key) {
    var problems = new java.util.ArrayList<String>();
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty()) {
        problems.add("prefix part must be non-empty");
      } else if (prefix.length() > 253) {
        problems.add("prefix part must be no more than 253 characters");
      } else if (!DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
        problems.add("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
            + "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
            + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
      }
    }
    if (name.isEmpty()) {
      problems.add("name part must be non-empty");
    } else if (name.length() > 63) {
      problems.add("name part must be no more than 63 characters");
    } else if (!NAME.matcher(name).matches()) {
      problems.add(NAME_MESSAGE);
    }
    return problems;
  }

  /** Problems with a label value; empty when valid. */
  public static java.util.List<String> valueProblems(String value) {
    var problems = new java.util.ArrayList<String>();
    if (value.length() > 63) {
      problems.add("must be no more than 63 characters");
    }
    if (!value.isEmpty() && !NAME.matcher(value).matches()) {
      problems.add(VALUE_MESSAGE);
    }
    return problems;
  }

  static void checkKey(String key) {
    var problems = keyProblems(key);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("unable to parse requirement: key: Invalid value: \"" + key + "\": "
          + String.join("; ", problems));
    }
  }

  static void checkValue(String value) {
    var problems = valueProblems(value);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("unable to parse requirement: values[0][" + value + "]: Invalid value: \""
          + value + "\": " + String.join("; ", problems));
    }
  }
}
