package dev.kubemu.kubelet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a container's own command would print, for the commands tutorials use: {@code echo ...}, and shell scripts
 * ({@code sh -c "echo hello; sleep 3600"}) whose {@code echo} statements run once. A command that only waits
 * ({@code sleep}) prints nothing. Anything else is the image's own program: empty, so the image's log is used.
 * {@link #exitCode} tells whether such a command ends by itself, and how.
 */
final class CommandOutput {
  private static final List<String> SHELLS = List.of("sh", "bash", "ash", "dash", "zsh");

  private CommandOutput() {}

  /**
   * The lines {@code argv} prints, or empty when the image's own program runs (no command, or a program this
   * cannot tell).
   */
  static Optional<List<String>> of(List<String> argv) {
    if (argv.isEmpty()) {
      return Optional.empty();
    }
    String program = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    if (program.equals("echo")) {
      return Optional.of(List.of(echo(argv.subList(1, argv.size()))));
    }
    if (program.equals("sleep") || program.equals("true") || program.equals("pause")) {
      return Optional.of(List.of());
    }
    if (SHELLS.contains(program)) {
      int c = argv.indexOf("-c");
      if (c < 0 || c + 1 >= argv.size()) {
        return Optional.of(List.of());
      }
      return Optional.of(script(argv.get(c + 1)));
    }
    return Optional.empty();
  }

  /** Programs that print and return at once; a script made only of these (and exit) ends by itself. */
  private static final List<String> QUICK = List.of("echo", "printf", "true", "false", "exit", "date", "env",
      "printenv", "hostname", "uname", "whoami", "id", "pwd", "ls", "cat");

  /**
   * The exit code of a command that ends by itself ({@code echo hi}, {@code sh -c "echo hi; exit 3"}); empty for
   * one that keeps running (a server, {@code sleep}, a loop) or that this cannot tell, which then runs forever.
   */
  static java.util.OptionalInt exitCode(List<String> argv) {
    if (argv.isEmpty()) {
      return java.util.OptionalInt.empty();
    }
    String program = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    if (SHELLS.contains(program)) {
      int c = argv.indexOf("-c");
      if (c < 0 || c + 1 >= argv.size()) {
        // an interactive shell without a terminal reads an empty stdin and exits
        return java.util.OptionalInt.of(0);
      }
      int code = 0;
      for (String statement : statements(argv.get(c + 1))) {
        List<String> words = words(statement);
        if (words.isEmpty()) {
          continue;
        }
        if (!QUICK.contains(words.get(0))) {
          return java.util.OptionalInt.empty();
        }
        if (words.get(0).equals("exit")) {
          return java.util.OptionalInt.of(words.size() > 1 && words.get(1).matches("\\d{1,3}")
              ? Integer.parseInt(words.get(1)) & 0xff : code);
        }
        code = words.get(0).equals("false") ? 1 : 0;
      }
      return java.util.OptionalInt.of(code);
    }
    if (QUICK.contains(program) && !program.equals("exit")) {
      return java.util.OptionalInt.of(program.equals("false") ? 1 : 0);
    }
    return java.util.OptionalInt.empty();
  }

  /** The output of a shell script's top-level echo statements; loops and conditionals are not run. */
  static List<String> script(String script) {
    var lines = new ArrayList<String>();
    for (String statement : statements(script)) {
      List<String> words = words(statement);
      if (!words.isEmpty() && words.get(0).equals("echo")) {
        lines.add(echo(words.subList(1, words.size())));
      }
    }
    return lines;
  }

  /** Splits on {@code ;}, {@code &&}, {@code ||} and newlines outside quotes. */
  private static List<String> statements(String script) {
    var out = new ArrayList<String>();
    var current = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < script.length(); i++) {
      char ch = script.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        }
        current.append(ch);
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        current.append(ch);
      } else if (ch == ';' || ch == '\n' || ((ch == '&' || ch == '|') && i + 1 < script.length()
          && script.charAt(i + 1) == ch)) {
        if (ch == '&' || ch == '|') {
          i++;
        }
        out.add(current.toString().trim());
        current.setLength(0);
      } else {
        current.append(ch);
      }
    }
    out.add(current.toString().trim());
    return out;
  }

  /** Shell words: quotes group and are removed. */
  private static List<String> words(String statement) {
    var words = new ArrayList<String>();
    var word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char ch : statement.toCharArray()) {
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else {
          word.append(ch);
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        inWord = true;
      } else if (Character.isWhitespace(ch)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(ch);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** {@code echo}'s arguments joined by spaces, without its {@code -n}/{@code -e} flags. */
  private static String echo(List<String> args) {
    int first = 0;
    while (first < args.size() && (args.get(first).equals("-n") || args.get(first).equals("-e"))) {
      first++;
    }
    return String.join(" ", args.subList(first, args.size()));
  }
}
