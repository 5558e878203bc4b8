package dev.kubemu.core.managedfields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code fieldsV1} encoding of field sets: element kinds, order, the "." of members with children, bad input. */
class FieldsV1Test {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static List<String> keys(JsonNode node) {
    var out = new ArrayList<String>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void everyKindOfElementRoundTrips() throws Exception {
    JsonNode fields = json("""
        {"f:metadata":{"f:finalizers":{".":{},"v:\\"a\\"":{},"v:\\"b\\"":{}},"f:labels":{".":{},"f:app":{}}},
         "f:spec":{"f:ports":{"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:port":{}}},
                   "f:items":{"i:0":{},"i:10":{"f:x":{}}},
                   "f:values":{"v:1":{},"v:true":{},"v:null":{}}}}
        """);
    FieldSet set = FieldSet.fromFieldsV1(fields);
    assertThat(set.toFieldsV1()).isEqualTo(fields);
    assertThat(set.has(List.of(PathElement.field("metadata"), PathElement.field("finalizers")))).isTrue();
    assertThat(set.has(List.of(PathElement.field("spec"), PathElement.field("items"),
        PathElement.index(10)))).isFalse();
  }

  @Test
  void elementsAreWrittenInStructuredMergeDiffsOrder() {
    FieldSet s = new FieldSet();
    s.insert(List.of(PathElement.field("l"), PathElement.index(2)));
    s.insert(List.of(PathElement.field("l"), PathElement.value(Smd.yaml("b"))));
    s.insert(List.of(PathElement.field("l"), PathElement.value(Smd.yaml("10"))));
    s.insert(List.of(PathElement.field("l"), PathElement.value(Smd.yaml("true"))));
    s.insert(List.of(PathElement.field("l"), PathElement.key(List.of(java.util.Map.entry("name", Smd.yaml("z"))))));
    s.insert(List.of(PathElement.field("l"), PathElement.field("a")));
    s.insert(List.of(PathElement.field("l"), PathElement.value(Smd.yaml("2.5"))));
    assertThat(keys(s.toFieldsV1().get("f:l"))).containsExactly("f:a", "k:{\"name\":\"z\"}", "v:2.5", "v:10",
        "v:\"b\"", "v:true", "i:2");
  }

  @Test
  void keysAreSortedByFieldNameAndWrittenCompactly() {
    PathElement pe = PathElement.key(List.of(java.util.Map.entry("protocol", Smd.yaml("TCP")),
        java.util.Map.entry("containerPort", Smd.yaml("8080"))));
    assertThat(pe.serialize()).isEqualTo("k:{\"containerPort\":8080,\"protocol\":\"TCP\"}");
    assertThat(pe.toString()).isEqualTo("[containerPort=8080,protocol=\"TCP\"]");
    assertThat(PathElement.parse(pe.serialize())).isEqualTo(pe);
    assertThat(PathElement.value(Smd.object("{}").textNode("a<b")).serialize()).isEqualTo("v:\"a\\u003cb\"");
  }

  @Test
  void aMemberWithChildrenGetsADotAndALeafIsEmpty() {
    FieldSet s = new FieldSet();
    s.insert(List.of(PathElement.field("a")));
    s.insert(List.of(PathElement.field("a"), PathElement.field("b")));
    s.insert(List.of(PathElement.field("c"), PathElement.field("d")));
    assertThat(s.toFieldsV1()).isEqualTo(Smd.yaml("{'f:a': {.: {}, 'f:b': {}}, 'f:c': {'f:d': {}}}"));
  }

  @Test
  void aDotAloneMakesAMemberAndAtTheTopItMeansNothing() throws Exception {
    FieldSet s = FieldSet.fromFieldsV1(json("{\".\":{},\"f:a\":{\".\":{}},\"f:b\":null}"));
    assertThat(s.toFieldsV1()).isEqualTo(json("{\"f:a\":{},\"f:b\":{}}"));
  }

  @Test
  void malformedKeysAndNodesAreRejected() {
    for (String bad : List.of("{\"a\":{}}", "{\"f\":{}}", "{\"i:x\":{}}", "{\"k:[1]\":{}}", "{\"v:{\":{}}",
        "{\"f:a\":1}", "{\"f:a\":\"x\"}", "{\"f:a\":[]}", "[]")) {
      assertThatThrownBy(() -> FieldSet.fromFieldsV1(json(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void setOperationsFollowStructuredMergeDiff() {
    FieldSet a = Smd.fieldSet("{'f:a': {.: {}, 'f:b': {}, 'f:c': {}}, 'f:d': {}}");
    FieldSet b = Smd.fieldSet("{'f:a': {}, 'f:d': {'f:e': {}}}");
    // difference removes members, node by node; the recursive one also removes what is below a member
    assertThat(a.difference(b).toFieldsV1()).isEqualTo(Smd.yaml("{'f:a': {'f:b': {}, 'f:c': {}}, 'f:d': {}}"));
    assertThat(a.recursiveDifference(b).toFieldsV1()).isEqualTo(Smd.yaml("{'f:d': {}}"));
    assertThat(a.intersection(b).toFieldsV1()).isEqualTo(Smd.yaml("{'f:a': {}}"));
    assertThat(a.union(b).toFieldsV1()).isEqualTo(
        Smd.yaml("{'f:a': {.: {}, 'f:b': {}, 'f:c': {}}, 'f:d': {.: {}, 'f:e': {}}}"));
  }

  @Test
  void namedFieldsBecomeMembersButMapKeysAndItemsDoNot() {
    SmdType pod = Smd.pods().type();
    FieldSet s = Smd.fieldSet("""
        f:metadata: {f:labels: {f:a: {}}}
        f:spec: {f:containers: {'k:{"name":"c"}': {f:env: {'k:{"name":"e"}': {f:value: {}}}}}}
        """);
    assertThat(s.ensureNamedFieldsAreMembers(pod).toFieldsV1()).isEqualTo(Smd.yaml("""
        f:metadata: {.: {}, f:labels: {.: {}, f:a: {}}}
        f:spec:
          .: {}
          f:containers:
            .: {}
            'k:{"name":"c"}': {f:env: {.: {}, 'k:{"name":"e"}': {f:value: {}}}}
        """));
  }

  @Test
  void setOperationsHandBackAnOperandWhenTheResultEqualsIt() {
    FieldSet owned = Smd.fieldSet("{'f:metadata': {'f:labels': {.: {}, 'f:app': {}, 'f:rev': {}}}, 'f:spec': {}}");
    FieldSet rewritten = Smd.fieldSet("{'f:metadata': {'f:labels': {'f:rev': {}}}}");
    FieldSet added = Smd.fieldSet("{'f:metadata': {'f:labels': {'f:team': {}}}}");
    // a manager writing again what it owns keeps its set, so its fieldsV1 is kept rather than encoded again
    assertThat(rewritten.union(owned)).isSameAs(owned);
    assertThat(owned.union(rewritten)).isSameAs(owned);
    assertThat(owned.difference(added)).isSameAs(owned);
    FieldSet grown = owned.union(added);
    assertThat(grown).isNotSameAs(owned).isNotSameAs(added);
    assertThat(grown.toFieldsV1()).isEqualTo(Smd.yaml(
        "{'f:metadata': {'f:labels': {.: {}, 'f:app': {}, 'f:rev': {}, 'f:team': {}}}, 'f:spec': {}}"));
    FieldSet shrunk = grown.difference(added);
    assertThat(shrunk).isNotSameAs(grown).isEqualTo(owned);
    assertThat(owned.recursiveDifference(Smd.fieldSet("{'f:metadata': {}}")).toFieldsV1())
        .isEqualTo(Smd.yaml("{'f:spec': {}}"));
  }
}
