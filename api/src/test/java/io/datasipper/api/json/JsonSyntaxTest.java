package io.datasipper.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonSyntaxTest {
  private static final String EVENT = "{\"id\":\"e1\",\"type\":\"http\",\"seq\":1,\"timestamp\":\"2026-01-01T00:00:00Z\","
      + "\"url\":\"http://a/b?q=\\\"x\\\"\\u00e9\",\"status\":-1.5e+3,\"ok\":true,\"gone\":false,\"none\":null,"
      + "\"headers\":[{\"name\":\"A\",\"value\":\"h\u00e9llo \u6f22\"},[],{}],\"n\":0}";

  @Test
  void acceptsWellFormedObjects() {
    for (String json : List.of(EVENT, "{}", " {\"a\" : [ 1 , 2.5 , -0 , 1E9 ] }\n", "{\"\":\"\\/\\b\\f\\n\\r\\t\"}")) {
      assertThat(JsonSyntax.isObject(bytes(json))).as(json).isTrue();
      assertThat(jacksonAccepts(bytes(json))).as(json).isTrue();
    }
  }

  @Test
  void isNotSureOfAnythingElse() {
    for (String json : List.of("", "[]", "{", "{\"a\":1,}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}",
        "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"tab\there\"}", "{'a':1}", "{\"a\":1} {}",
        "{\"a\" 1}", "{a:1}", "{\"a\":NaN}", "{\"a\":[1 2]}", "{\"a\":\"open}")) {
      assertThat(JsonSyntax.isObject(bytes(json))).as(json).isFalse();
    }
  }

  /** Damaged copies of an event: whatever the scan calls well-formed, Jackson reads too. */
  @Test
  void neverCallsWellFormedWhatJacksonRefuses() {
    Random random = new Random(42);
    byte[] event = bytes(EVENT);
    byte[] alphabet = bytes("{}[]\",:\\ 0123456789-+.eEtrufalsn\t\u0001x\u00e9\u6f22");
    int sure = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] damaged = random.nextInt(4) == 0
          ? java.util.Arrays.copyOf(event, random.nextInt(event.length))
          : event.clone();
      for (int edits = 1 + random.nextInt(2); edits > 0 && damaged.length > 0; edits--) { // bytes of é and 漢 too
        damaged[random.nextInt(damaged.length)] = alphabet[random.nextInt(alphabet.length)];
      }
      if (JsonSyntax.isObject(damaged)) {
        sure++;
        assertThat(jacksonAccepts(damaged)).as(new String(damaged, StandardCharsets.UTF_8)).isTrue();
      }
    }
    assertThat(sure).as("some damage leaves valid JSON (a digit for a digit, say)").isPositive();
  }

  @Test
  void leavesDeepNestingToJackson() {
    String deep = "{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}";
    assertThat(JsonSyntax.isObject(bytes(deep))).isFalse();
    assertThat(EventJson.syntaxProblem(bytes(deep))).isNull();
  }

  private static boolean jacksonAccepts(byte[] json) {
    try (JsonParser p = EventJson.mapper().getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
