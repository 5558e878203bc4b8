package dev.kubemu.apiserver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class GoJsonErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String describe(String body) {
    return GoJsonErrors.describe(assertThrows(JsonProcessingException.class, () -> JSON.readTree(body)));
  }

  @Test
  void malformedJsonIsDescribedAsGoDescribesIt() {
    assertEquals("unexpected end of JSON input", describe("{\"kind\":"));
    assertEquals("invalid character '1' after object key", describe("{\"a\" 1}"));
    assertEquals("invalid character '\"' after object key:value pair", describe("{\"a\":1 \"b\":2}"));
    assertEquals("invalid character 'a' looking for beginning of object key string", describe("{a:1}"));
    assertEquals("invalid character '2' after array element", describe("[1 2]"));
    assertEquals("invalid character 'g' looking for beginning of value", describe("garbage"));
    assertEquals("invalid character '<' looking for beginning of value", describe("<a/>"));
    assertEquals("invalid character '\\'' looking for beginning of value", describe("{\"a\":'x'}"));
    assertEquals("exceeded max depth", describe("[".repeat(5000) + "]".repeat(5000)));
  }
}
