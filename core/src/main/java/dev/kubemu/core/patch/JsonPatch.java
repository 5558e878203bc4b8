package dev.kubemu.core.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** JSON patch (RFC 6902): add, remove, replace, move, copy and test, applied in order to a copy of the document. */
public final class JsonPatch {
  private JsonPatch() {}

  /** Returns the patched document; {@code target} is not modified. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isArray()) {
      throw new PatchException("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    }
    JsonNode doc = target.deepCopy();
    for (JsonNode op : patch) {
      doc = applyOne(doc, op);
    }
    return doc;
  }

  private static JsonNode applyOne(JsonNode doc, JsonNode op) {
    String kind = op.path("op").asText("");
    String path = op.path("path").asText(null);
    if (path == null) {
      throw new PatchException(kind + " operation missing path");
    }
    switch (kind) {
      case "add" -> {
        return add(doc, path, value(op, kind));
      }
      case "remove" -> {
        remove(doc, path, kind);
        return doc;
      }
      case "replace" -> {
        List<String> tokens = JsonPointer.parse(path);
        if (tokens.isEmpty()) {
          return value(op, kind).deepCopy();
        }
        JsonNode parent = parentOf(doc, tokens, kind, path);
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode o) {
          if (!o.has(last)) {
            throw new PatchException("replace operation does not apply: doc is missing key: " + path + ": missing value");
          }
          o.set(last, value(op, kind).deepCopy());
        } else {
          ArrayNode a = (ArrayNode) parent;
          a.set(index(a, last, false, kind, path), value(op, kind).deepCopy());
        }
        return doc;
      }
      case "move" -> {
        String from = op.path("from").asText(null);
        if (from == null) {
          throw new PatchException("move operation missing from");
        }
        JsonNode moved = get(doc, from, kind);
        remove(doc, from, kind);
        return add(doc, path, moved);
      }
      case "copy" -> {
        String from = op.path("from").asText(null);
        if (from == null) {
          throw new PatchException("copy operation missing from");
        }
        return add(doc, path, get(doc, from, kind).deepCopy());
      }
      case "test" -> {
        JsonNode actual = get(doc, path, kind);
        if (!actual.equals(value(op, kind))) {
          throw new PatchException("testing value " + path + " failed: test failed");
        }
        return doc;
      }
      default -> throw new PatchException("Unexpected kind: " + kind);
    }
  }

  private static JsonNode value(JsonNode op, String kind) {
    JsonNode v = op.get("value");
    if (v == null) {
      throw new PatchException(kind + " operation missing value");
    }
    return v;
  }

  private static JsonNode add(JsonNode doc, String path, JsonNode value) {
    List<String> tokens = JsonPointer.parse(path);
    if (tokens.isEmpty()) {
      return value.deepCopy();
    }
    JsonNode parent = parentOf(doc, tokens, "add", path);
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode o) {
      o.set(last, value.deepCopy());
    } else {
      ArrayNode a = (ArrayNode) parent;
      if (last.equals("-")) {
        a.add(value.deepCopy());
      } else {
        a.insert(index(a, last, true, "add", path), value.deepCopy());
      }
    }
    return doc;
  }

  private static void remove(JsonNode doc, String path, String kind) {
    List<String> tokens = JsonPointer.parse(path);
    if (tokens.isEmpty()) {
      throw new PatchException(kind + " operation does not apply: cannot remove the whole document");
    }
    JsonNode parent = parentOf(doc, tokens, kind, path);
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode o) {
      if (!o.has(last)) {
        throw new PatchException(kind + " operation does not apply: doc is missing key: " + path + ": missing value");
      }
      o.remove(last);
    } else {
      ArrayNode a = (ArrayNode) parent;
      a.remove(index(a, last, false, kind, path));
    }
  }

  private static JsonNode get(JsonNode doc, String path, String kind) {
    JsonNode node = doc;
    for (String token : JsonPointer.parse(path)) {
      node = child(node, token);
      if (node == null) {
        throw new PatchException(kind + " operation does not apply: doc is missing path: \"" + path
            + "\": missing value");
      }
    }
    return node;
  }

  private static JsonNode parentOf(JsonNode doc, List<String> tokens, String kind, String path) {
    JsonNode node = doc;
    for (int i = 0; i < tokens.size() - 1; i++) {
      node = child(node, tokens.get(i));
      if (node == null) {
        throw new PatchException(kind + " operation does not apply: doc is missing path: \"" + path
            + "\": missing value");
      }
    }
    if (!node.isContainerNode()) {
      throw new PatchException(kind + " operation does not apply: doc is missing path: \"" + path
          + "\": missing value");
    }
    return node;
  }

  private static JsonNode child(JsonNode node, String token) {
    if (node instanceof ObjectNode o) {
      return o.get(token);
    }
    if (node instanceof ArrayNode a) {
      try {
        int i = Integer.parseInt(token);
        return i >= 0 && i < a.size() ? a.get(i) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static int index(ArrayNode array, String token, boolean allowEnd, String kind, String path) {
    try {
      int i = Integer.parseInt(token);
      int max = allowEnd ? array.size() : array.size() - 1;
      if (i < 0 || i > max) {
        throw new PatchException(kind + " operation does not apply: doc is missing path: \"" + path
            + "\": unable to access invalid index: " + i);
      }
      return i;
    } catch (NumberFormatException e) {
      throw new PatchException(kind + " operation does not apply: doc is missing path: \"" + path
          + "\": unable to access invalid index: " + token);
    }
  }
}
