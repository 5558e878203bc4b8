package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kubemu.core.api.DuplicateField;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the members a JSON or YAML document sets twice in one object, as kube-apiserver's strict decoders report
 * them: by path ({@code spec.replicas}, {@code spec.containers[0].name}), and by key and the line where the second
 * value starts. A tree keeps only the last value, so this looks at the tokens.
 */
final class DuplicateFields {
  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();

  private final List<Found> found = new ArrayList<>();
  private final Deque<Frame> stack = new ArrayDeque<>();
  private int decoded;

  private DuplicateFields() {}

  /** The duplicated members of a JSON document, in document order; empty for malformed input (reported elsewhere). */
  static List<DuplicateField> inJson(byte[] json) {
    return new DuplicateFields().scan(JSON, json);
  }

  /** The same for a YAML document (a YAML apply patch). */
  static List<DuplicateField> inYaml(byte[] yaml) {
    return new DuplicateFields().scan(YAML, yaml);
  }

  private List<DuplicateField> scan(JsonFactory factory, byte[] bytes) {
    try (JsonParser p = factory.createParser(bytes)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        token(t, p);
        if (stack.isEmpty()) {
          break; // a decoder reads one document; YAML may hold more
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    return found.stream().map(f -> new DuplicateField(f.path, f.key, f.line, f.decodedAt)).toList();
  }

  private void token(JsonToken t, JsonParser p) throws IOException {
    Frame top = stack.peek();
    switch (t) {
      case FIELD_NAME -> {
        String name = p.currentName();
        top.member = name;
        top.duplicate = null;
        if (!top.seen.add(name)) {
          top.duplicate = new Found(top.path.isEmpty() ? name : top.path + "." + name, name);
          found.add(top.duplicate);
        }
      }
      case START_OBJECT, START_ARRAY -> {
        Found duplicate = valueStarts(top, p);
        stack.push(new Frame(childPath(top), t == JsonToken.START_OBJECT, duplicate));
      }
      case END_OBJECT, END_ARRAY -> {
        Frame done = stack.pop();
        valueEnds(done.duplicateOfThis);
        if (stack.peek() != null) {
          stack.peek().index++;
        }
      }
      default -> {
        valueEnds(valueStarts(top, p));
        if (top != null) {
          top.index++;
        }
      }
    }
  }

  /** The duplicate whose value starts at the current token, with the line it starts on; null when none. */
  private static Found valueStarts(Frame parent, JsonParser p) {
    if (parent == null || !parent.object || parent.duplicate == null) {
      return null;
    }
    Found duplicate = parent.duplicate;
    duplicate.line = p.currentTokenLocation().getLineNr();
    parent.duplicate = null;
    return duplicate;
  }

  /** A YAML decoder reports a duplicate once it has decoded its value, after whatever it found inside. */
  private void valueEnds(Found duplicate) {
    if (duplicate != null) {
      duplicate.decodedAt = decoded++;
    }
  }

  private static String childPath(Frame parent) {
    if (parent == null) {
      return "";
    }
    if (parent.object) {
      return parent.path.isEmpty() ? parent.member : parent.path + "." + parent.member;
    }
    return parent.path + "[" + parent.index + "]";
  }

  private static final class Found {
    final String path;
    final String key;
    int line;
    int decodedAt;

    Found(String path, String key) {
      this.path = path;
      this.key = key;
    }
  }

  private static final class Frame {
    final String path;
    final boolean object;
    final Set<String> seen = new HashSet<>();
    /** Set when this container is the second value of a member. */
    final Found duplicateOfThis;
    String member;
    /** The duplicate member whose value comes next. */
    Found duplicate;
    int index;

    Frame(String path, boolean object, Found duplicateOfThis) {
      this.path = path;
      this.object = object;
      this.duplicateOfThis = duplicateOfThis;
    }
  }
}
