package dev.kubemu.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubemu.core.object.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The byte scan that finds a stored object's metadata: it must agree with the parsed tree or give up. */
class TableWriterTest {
  private static String span(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    long span = TableWriter.metadataSpan(bytes);
    return span < 0 ? null : new String(bytes, (int) (span >>> 32), (int) span, StandardCharsets.UTF_8);
  }

  /** What serialising the parsed tree's metadata gives. */
  private static String tree(String json) {
    return Json.string(Json.parseTrusted(json.getBytes(StandardCharsets.UTF_8)).get("metadata"));
  }

  /** The store keeps the bytes Jackson writes for the tree (compact, its own escaping). */
  private static String stored(String json) {
    return Json.string(Json.parseTrusted(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void findsTheTopLevelMetadataWhereverItIs() {
    for (String raw : new String[] {
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\",\"labels\":{\"x\":\"}\"}},\"spec\":{}}",
        "{\"metadata\":{}}",
        "{\"kind\":\"X\",\"n\":-1.5e3,\"b\":true,\"z\":null,\"metadata\":{\"name\":\"b\"}}",
        // a nested metadata, and the key's text inside strings, before the real one
        "{\"spec\":{\"template\":{\"metadata\":{\"name\":\"inner\"}}},\"note\":\"\\\"metadata\\\":{\","
            + "\"list\":[{\"metadata\":1},[\"]\"]],\"metadata\":{\"name\":\"outer\",\"a\":[1,{\"b\":\"\\\\\"}]}}",
        "{\"metadata\":{\"annotations\":{\"k\":\"h\u00e9llo \\\"q\\\" \\u2028 \\\\\"}},\"status\":{}}",
    }) {
      String json = stored(raw);
      assertThat(span(json)).as(json).isEqualTo(tree(json));
    }
  }

  @Test
  void givesUpOnAnythingElse() {
    assertThat(span("{\"kind\":\"X\"}")).isNull();
    assertThat(span("{\"metadata\":null}")).isNull();
    assertThat(span("{\"metadata\":[]}")).isNull();
    assertThat(span("{ \"metadata\":{}}")).isNull();
    assertThat(span("{\"metadata\" :{}}")).isNull();
    assertThat(span("{\"metadata\":{\"name\":\"unterminated}")).isNull();
    assertThat(span("[]")).isNull();
    assertThat(span("")).isNull();
  }
}
