package dev.kubemu.core.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string checks of apimachinery's {@code pkg/util/validation}, each returning the problems in its words (empty
 * when the value is fine). Callers turn each problem into a field error on their path.
 */
public final class Syntax {
  private Syntax() {}

  static final String QNAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String QNAME_ERR =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  private static final String LABEL_VALUE_FMT = "(" + QNAME_FMT + ")?";
  private static final String LABEL_VALUE_ERR = "a valid label must be an empty string or consist of alphanumeric "
      + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_LABEL_ERR = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
      + "characters or '-', and must start and end with an alphanumeric character";
  static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1123_SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower case "
      + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1035_LABEL_ERR = "a DNS-1035 label must consist of lower case alphanumeric "
      + "characters or '-', start with an alphabetic character, and end with an alphanumeric character";
  private static final String WILDCARD_FMT = "\\*\\." + DNS1123_SUBDOMAIN_FMT;
  private static final Pattern WILDCARD = Pattern.compile(WILDCARD_FMT);
  private static final String WILDCARD_ERR = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid "
      + "DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an "
      + "alphanumeric character";
  static final String C_IDENTIFIER_FMT = "[A-Za-z_][A-Za-z0-9_]*";
  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
  private static final Pattern ONE_LETTER = Pattern.compile(".*[a-z].*", Pattern.DOTALL);
  private static final String PERCENT_FMT = "[0-9]+%";
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
  private static final String HEADER_FMT = "[-A-Za-z0-9]+";
  private static final Pattern HEADER = Pattern.compile(HEADER_FMT);
  private static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
  private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);

  public static final int DNS1123_LABEL_MAX = 63;
  public static final int DNS1123_SUBDOMAIN_MAX = 253;
  public static final int LABEL_VALUE_MAX = 63;

  /** {@code must be no more than N characters}. */
  public static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

  /** apimachinery's RegexError: the message, examples and the regex. */
  public static String regexError(String msg, String fmt, String... examples) {
    if (examples.length == 0) {
      return msg + " (regex used for validation is '" + fmt + "')";
    }
    var sb = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        sb.append(" or ");
      }
      sb.append('\'').append(examples[i]).append("', ");
    }
    return sb.append("regex used for validation is '").append(fmt).append("')").toString();
  }

  public static String inclusiveRangeError(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  /** A qualified name: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
  public static List<String> qualifiedName(String value) {
    var errs = new ArrayList<String>();
    String[] parts = value.split("/", -1);
    String name;
    switch (parts.length) {
      case 1 -> name = parts[0];
      case 2 -> {
        String prefix = parts[0];
        name = parts[1];
        if (prefix.isEmpty()) {
          errs.add("prefix part must be non-empty");
        } else {
          for (String msg : dns1123Subdomain(prefix)) {
            errs.add("prefix part " + msg);
          }
        }
      }
      default -> {
        errs.add("a qualified name " + regexError(QNAME_ERR, QNAME_FMT, "MyName", "my.name", "123-abc")
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
      }
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errs.add("name part " + maxLenError(63));
    }
    if (!NameShapes.qualifiedNamePart(name)) {
      errs.add("name part " + regexError(QNAME_ERR, QNAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  public static List<String> labelValue(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > LABEL_VALUE_MAX) {
      errs.add(maxLenError(LABEL_VALUE_MAX));
    }
    if (!value.isEmpty() && !NameShapes.qualifiedNamePart(value)) {
      errs.add(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  public static List<String> dns1123Label(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > DNS1123_LABEL_MAX) {
      errs.add(maxLenError(DNS1123_LABEL_MAX));
    }
    if (!NameShapes.dns1123Label(value)) {
      if (NameShapes.dns1123Subdomain(value)) {
        errs.add("must not contain dots");
      } else {
        errs.add(regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, "my-name", "123-abc"));
      }
    }
    return errs;
  }

  public static List<String> dns1123Subdomain(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!NameShapes.dns1123Subdomain(value)) {
      errs.add(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  private static final Pattern DNS1123_SUBDOMAIN_UNDERSCORE = Pattern.compile(
      "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*");

  /** A DNS subdomain that may hold underscores (DNS search paths with RelaxedDNSSearchValidation, on in 1.33). */
  public static List<String> dns1123SubdomainWithUnderscore(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!DNS1123_SUBDOMAIN_UNDERSCORE.matcher(value).matches()) {
      // apimachinery shows the plain subdomain regex here
      errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', "
          + "'-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  public static List<String> dns1035Label(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > DNS1123_LABEL_MAX) {
      errs.add(maxLenError(DNS1123_LABEL_MAX));
    }
    if (!NameShapes.dns1035Label(value)) {
      errs.add(regexError(DNS1035_LABEL_ERR, DNS1035_LABEL_FMT, "my-name", "abc-123"));
    }
    return errs;
  }

  public static List<String> wildcardDns1123Subdomain(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!WILDCARD.matcher(value).matches()) {
      errs.add(regexError(WILDCARD_ERR, WILDCARD_FMT, "*.example.com"));
    }
    return errs;
  }

  public static List<String> cIdentifier(String value) {
    if (!NameShapes.cIdentifier(value)) {
      return List.of(regexError("a valid C identifier must start with alphabetic character or '_', followed by a "
          + "string of alphanumeric characters or '_'", C_IDENTIFIER_FMT, "my_name", "MY_NAME", "MyName"));
    }
    return List.of();
  }

  public static List<String> portNumber(long port) {
    return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRangeError(1, 65535));
  }

  public static List<String> portName(String port) {
    var errs = new ArrayList<String>();
    if (port.length() > 15) {
      errs.add(maxLenError(15));
    }
    if (!PORT_NAME_CHARSET.matcher(port).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!ONE_LETTER.matcher(port).matches()) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  public static List<String> percent(String value) {
    if (!PERCENT.matcher(value).matches()) {
      return List.of(regexError("a valid percent string must be a numeric string followed by an ending '%'",
          PERCENT_FMT, "1%", "93%"));
    }
    return List.of();
  }

  public static List<String> httpHeaderName(String value) {
    if (!HEADER.matcher(value).matches()) {
      return List.of(regexError("a valid HTTP header must consist of alphanumeric characters or '-'", HEADER_FMT,
          "X-Header-Name"));
    }
    return List.of();
  }

  /**
   * Environment variable names as kube-apiserver 1.33 checks them (RelaxedEnvironmentVariableValidation is on): any
   * printable ASCII but '='.
   */
  public static List<String> relaxedEnvVarName(String value) {
    var errs = new ArrayList<String>();
    if (value.isEmpty()) {
      errs.add("environment variable name must be non-empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0x7e || c < 0x20 || c == '=') {
        errs.add("a valid environment variable name must consist only of printable ASCII characters other than '='");
        break;
      }
    }
    return errs;
  }

  public static List<String> configMapKey(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!CONFIG_KEY.matcher(value).matches()) {
      errs.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
          CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
    }
    errs.addAll(chDirPrefix(value));
    return errs;
  }

  private static List<String> chDirPrefix(String value) {
    if (value.equals(".")) {
      return List.of("must not be '.'");
    }
    if (value.equals("..")) {
      return List.of("must not be '..'");
    }
    if (value.startsWith("..")) {
      return List.of("must not start with '..'");
    }
    return List.of();
  }

  /** {@code must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)} unless {@code value} is an IP. */
  public static List<String> ip(String value) {
    return IpAddresses.parse(value) == null
        ? List.of("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)") : List.of();
  }

  // ------------------------------------------------------------------ object names (pkg/api/validation)

  /** How an object name is checked; {@code prefix} when it is a generateName that gets a suffix. */
  @FunctionalInterface
  public interface NameCheck {
    List<String> problems(String name, boolean prefix);
  }

  public static final NameCheck DNS_SUBDOMAIN_NAME = (n, prefix) -> dns1123Subdomain(prefix ? maskTrailingDash(n) : n);
  public static final NameCheck DNS_LABEL_NAME = (n, prefix) -> dns1123Label(prefix ? maskTrailingDash(n) : n);
  public static final NameCheck DNS1035_LABEL_NAME = (n, prefix) -> dns1035Label(prefix ? maskTrailingDash(n) : n);
  /** Names that only have to be usable as one path segment (RBAC roles and such). */
  public static final NameCheck PATH_SEGMENT_NAME = (n, prefix) -> {
    var errs = new ArrayList<String>();
    if (!prefix && (n.equals(".") || n.equals(".."))) {
      errs.add("may not be '" + n + "'");
    }
    for (String bad : List.of("/", "%")) {
      if (n.contains(bad)) {
        errs.add("may not contain '" + bad + "'");
      }
    }
    return errs;
  };

  /** apimachinery's maskTrailingDash: a generateName ending in '-' is checked as if its last two chars were "a". */
  private static String maskTrailingDash(String name) {
    if (name.length() > 1 && name.endsWith("-")) {
      return name.substring(0, name.length() - 2) + "a";
    }
    return name;
  }
}
