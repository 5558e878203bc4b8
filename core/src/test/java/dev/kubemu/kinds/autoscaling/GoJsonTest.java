package dev.kubemu.kinds.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class GoJsonTest {
  @Test
  void marshalEscapesLikeEncodingJson() {
    ObjectNode node = GoJson.object();
    node.put("message", "a<b>&c \"q\" \\ \n\t\b\f\u0001\u007f\u2028é😀");
    node.putNull("none");
    node.put("n", 7);

    assertThat(GoJson.marshal(node)).isEqualTo(
        "{\"message\":\"a\\u003cb\\u003e\\u0026c \\\"q\\\" \\\\ \\n\\t\\b\\f\\u0001\u007f\\u2028é😀\","
            + "\"none\":null,\"n\":7}");
  }

  @Test
  void decodingMatchesFieldNamesCaseInsensitivelyAndRejectsWrongTypes() {
    var node = GoJson.parse("{\"METRICNAME\":\"qps\",\"value\":\"x\",\"n\":3000000000}");

    assertThat(GoJson.string(node, "metricName").textValue()).isEqualTo("qps");
    assertThatThrownBy(() -> GoJson.int32(node, "value")).isInstanceOf(GoJson.Malformed.class);
    assertThatThrownBy(() -> GoJson.int32(node, "n")).isInstanceOf(GoJson.Malformed.class);
    assertThatThrownBy(() -> GoJson.parse("[] []")).isInstanceOf(GoJson.Malformed.class);
    assertThatThrownBy(() -> GoJson.parse("")).isInstanceOf(GoJson.Malformed.class);
  }
}
