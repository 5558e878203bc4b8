package dev.kubemu.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Go's fmt verbs over what encoding/json decodes into interface{}, where every number is a float64. */
class GoFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void floatsPrintAsGoPrintsThemWithPercentV() {
    assertThat(GoFormat.goFloat(5)).isEqualTo("5");
    assertThat(GoFormat.goFloat(-5)).isEqualTo("-5");
    assertThat(GoFormat.goFloat(0)).isEqualTo("0");
    assertThat(GoFormat.goFloat(2.5)).isEqualTo("2.5");
    assertThat(GoFormat.goFloat(123456)).isEqualTo("123456");
    // the shortest form switches to an exponent from 1e6 on, and below 1e-4
    assertThat(GoFormat.goFloat(1_000_000)).isEqualTo("1e+06");
    assertThat(GoFormat.goFloat(1_234_567)).isEqualTo("1.234567e+06");
    assertThat(GoFormat.goFloat(99999999999d)).isEqualTo("9.9999999999e+10");
    assertThat(GoFormat.goFloat(0.0001)).isEqualTo("0.0001");
    assertThat(GoFormat.goFloat(0.00001)).isEqualTo("1e-05");
    assertThat(GoFormat.goFloat(1e21)).isEqualTo("1e+21");
    assertThat(GoFormat.goFloat(1.5e300)).isEqualTo("1.5e+300");
  }

  @Test
  void percentVPrintsMapsSortedAndNumbersAsFloats() throws Exception {
    assertThat(GoFormat.v(json("{\"b\":[1,\"x\",true],\"a\":{\"c\":null},\"d\":2000000}")))
        .isEqualTo("map[a:map[c:<nil>] b:[1 x true] d:2e+06]");
    assertThat(GoFormat.v(json("\"abc\""))).isEqualTo("abc");
  }

  @Test
  void sharpVPrintsGoSyntax() throws Exception {
    assertThat(GoFormat.sharpV(json("5"))).isEqualTo("5");
    assertThat(GoFormat.sharpV(json("\"a\\\"b\""))).isEqualTo("\"a\\\"b\"");
    assertThat(GoFormat.sharpV(json("{\"b\":[1,\"x\"],\"a\":null}")))
        .isEqualTo("map[string]interface {}{\"a\":interface {}(nil), \"b\":[]interface {}{1, \"x\"}}");
  }

  @Test
  void typeNamesAreGosForDecodedValues() throws Exception {
    assertThat(GoFormat.typeName(json("\"a\""))).isEqualTo("string");
    assertThat(GoFormat.typeName(json("1"))).isEqualTo("float64");
    assertThat(GoFormat.typeName(json("true"))).isEqualTo("bool");
    assertThat(GoFormat.typeName(json("{}"))).isEqualTo("map[string]interface {}");
    assertThat(GoFormat.typeName(json("[]"))).isEqualTo("[]interface {}");
  }
}
