package dev.kubemu.apiserver.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the members a JSON document sets twice in one object, by path ({@code spec.replicas},
 * {@code spec.containers[0].name}), as kube-apiserver's strict decoding reports them. A tree keeps only the last
 * value, so this looks at the tokens.
 */
final class DuplicateFields {
  private static final JsonFactory FACTORY = new JsonFactory();

  private DuplicateFields() {}

  /** The duplicated members of {@code json}, in document order; empty for malformed input (reported elsewhere). */
  static List<String> in(byte[] json) {
    var duplicates = new ArrayList<String>();
    Deque<Frame> stack = new ArrayDeque<>();
    try (JsonParser p = FACTORY.createParser(json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        Frame top = stack.peek();
        switch (t) {
          case START_OBJECT -> stack.push(new Frame(childPath(top), true));
          case START_ARRAY -> stack.push(new Frame(childPath(top), false));
          case END_OBJECT, END_ARRAY -> {
            stack.pop();
            if (stack.peek() != null) {
              stack.peek().valueDone();
            }
          }
          case FIELD_NAME -> {
            String name = p.currentName();
            if (!top.seen.add(name)) {
              duplicates.add(top.path.isEmpty() ? name : top.path + "." + name);
            }
            top.member = name;
          }
          default -> {
            if (top != null) {
              top.valueDone();
            }
          }
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return duplicates;
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

  private static final class Frame {
    final String path;
    final boolean object;
    final Set<String> seen = new HashSet<>();
    String member;
    int index;

    Frame(String path, boolean object) {
      this.path = path;
      this.object = object;
    }

    void valueDone() {
      if (!object) {
        index++;
      }
    }
  }
}
