package io.datasipper.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopLevelFieldTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TEXTS = List.of(
      "{\"type\":\"ws_frame\",\"id\":\"e1\",\"seq\":7,\"connection_id\":\"c-1\",\"payload\":{\"text\":\"{\\\"connection_id\\\":\\\"x\\\"}\"}}",
      "{ \"source\" : { \"connection_id\" : \"nested\" , \"list\": [1, {\"a\": \"]}\"}, [\"[\"]] } , \"connection_id\" : \"top\" }",
      "{\"flags\":[true,false,null],\"n\":-1.5e3,\"empty\":{},\"none\":null,\"request_id\":\"r-9\"}",
      "{\"escaped\\\"key\":\"v\",\"request_id\":\"after an escaped key\"}",
      "{\"request_id\":\"with \\\"quotes\\\" and \\\\ backslash\",\"z\":1}",
      "{\"payload\":\"héllo \\u00e9 ☃ 😀 \\\"quoted\\\"\",\"connection_id\":\"naïve-☃\"}",
      "{}");
  private static final List<String> FIELDS = List.of("connection_id", "request_id", "absent", "n", "none", "flags",
      "empty", "type", "z", "escaped\"key");

  @Test
  void findsWhatJacksonFindsOrLeavesItToJackson() throws Exception {
    int answered = 0;
    for (String text : TEXTS) {
      for (String field : FIELDS) {
        String found = find(text, field);
        if (found != TopLevelField.UNSURE) {
          assertThat(found).as(field + " in " + text).isEqualTo(jackson(text, field));
          answered++;
        }
        assertThat(EventJson.topLevelText(text, field)).as(field + " in " + text).isEqualTo(jackson(text, field));
      }
    }
    assertThat(answered).as("the scan answers most questions itself").isGreaterThan(20);
  }

  @Test
  void textThatEndsTooSoonIsLeftToJackson() {
    assertThat(find("{\"a\":\"unterminated", "b")).isSameAs(TopLevelField.UNSURE);
    assertThat(find("[1]", "b")).isSameAs(TopLevelField.UNSURE);
  }

  @Test
  void aFieldOnlyNestedIsNotTopLevel() {
    assertThat(find("{\"source\":{\"tab_id\":\"t1\"},\"id\":\"e1\"}", "tab_id")).isNull();
    assertThat(find("{\"payload\":\"\\\"tab_id\\\":\\\"t1\\\"\"}", "tab_id")).isNull();
  }

  @Test
  void readsTextOutsideAsciiAsUtf8() {
    assertThat(find("{\"payload\":\"☃ 😀 ü\",\"connection_id\":\"conn-ü☃\"}", "connection_id"))
        .isEqualTo("conn-ü☃");
    assertThat(find("{\"grüße\":\"a\",\"grüßen\":\"b\",\"grü\":\"c\"}", "grüßen")).isEqualTo("b");
  }

  @Test
  void findsAFieldOfATopLevelObjectAsJacksonDoes() throws Exception {
    List<String> texts = List.of(
        "{\"type\":\"http\",\"url\":\"u\",\"source\":{\"tab_id\":\"t\",\"node\":\"eu-1\"}}",
        "{\"node\":\"top\",\"source\":{\"nested\":{\"node\":\"deeper\"},\"node\":\"n-\\\"q\\\"\"}}",
        "{\"source\":{\"tab_id\":\"t\"}}",
        "{\"source\":\"not an object\",\"node\":\"x\"}",
        "{\"source\":{\"node\":7}}");
    for (String text : texts) {
      JsonNode node = JSON.readTree(text).path("source").path("node");
      String expected = node.isTextual() ? node.asText() : null;
      assertThat(EventJson.nestedText(text.getBytes(StandardCharsets.UTF_8), "source", "node")).as(text)
          .isEqualTo(expected);
    }
    assertThat(TopLevelField.find(texts.get(0).getBytes(StandardCharsets.UTF_8), "source", "node")).isEqualTo("eu-1");
  }

  @Test
  void findsTheLastTopLevelObjectsFieldFromTheEndAndOnlyThere() {
    byte[] last = "{\"data\":\"\\\"source\\\":{\",\"source\":{\"tab_id\":\"t\",\"node\":\"eu-1\"}}\n"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(TopLevelField.findInLast(last, "source", "node")).isEqualTo("eu-1");
    byte[] notLast = "{\"source\":{\"node\":\"eu-1\"},\"id\":\"e1\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(TopLevelField.findInLast(notLast, "source", "node")).isSameAs(TopLevelField.UNSURE);
    byte[] nested = "{\"value\":{\"source\":{\"node\":\"inner\"}}}".getBytes(StandardCharsets.UTF_8);
    assertThat(TopLevelField.findInLast(nested, "source", "node")).isSameAs(TopLevelField.UNSURE);
    assertThat(EventJson.nestedText(nested, "source", "node")).isNull();
  }

  private static String find(String json, String field) {
    return TopLevelField.find(json.getBytes(StandardCharsets.UTF_8), field);
  }

  private static String jackson(String text, String field) {
    try {
      JsonNode node = JSON.readTree(text).get(field);
      return node != null && node.isTextual() ? node.asText() : null;
    } catch (Exception e) {
      return null;
    }
  }
}
