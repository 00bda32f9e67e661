package io.datasipper.route;

import static io.datasipper.route.TestEvents.http;
import static io.datasipper.route.TestEvents.ruleWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.WsFrameEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorsTest {
  private static final HttpEvent EVENT = http()
      .url("https://Shop.example/API/Cart?id=42")
      .requestHeader("X-Count", "1500")
      .requestHeader("X-Word", "abc")
      .responseJson("{\"flag\": true, \"price\": 12.5, \"qty\": 3, \"name\": \"Red Shoe\", \"empty\": \"\"}")
      .build();

  @Test
  void equalsAndNotEquals() {
    assertMatch("{\"field\": \"method\", \"operator\": \"equals\", \"value\": \"POST\"}");
    assertNoMatch("{\"field\": \"method\", \"operator\": \"equals\", \"value\": \"post\"}");
    assertMatch("{\"field\": \"method\", \"operator\": \"equals\", \"value\": \"post\", \"case_insensitive\": true}");
    assertMatch("{\"field\": \"method\", \"operator\": \"not_equals\", \"value\": \"GET\"}");
    assertNoMatch("{\"field\": \"method\", \"operator\": \"not_equals\", \"value\": \"POST\"}");
    assertNoMatch("{\"field\": \"method\", \"operator\": \"not_equals\", \"value\": \"post\", \"case_insensitive\": true}");
    assertMatch("{\"field\": \"response.json.empty\", \"operator\": \"equals\", \"value\": \"\"}");
  }

  @Test
  void equalsIsNumericForNumbersAndTextualOtherwise() {
    assertMatch("{\"field\": \"status\", \"operator\": \"equals\", \"value\": 201}");
    assertMatch("{\"field\": \"status\", \"operator\": \"equals\", \"value\": 201.0}");
    assertMatch("{\"field\": \"status\", \"operator\": \"equals\", \"value\": \"201\"}");
    assertMatch("{\"field\": \"request.headers.x-count\", \"operator\": \"equals\", \"value\": 1500}");
    assertMatch("{\"field\": \"response.json.price\", \"operator\": \"equals\", \"value\": 12.5}");
    assertMatch("{\"field\": \"response.json.qty\", \"operator\": \"equals\", \"value\": 3}");
    assertNoMatch("{\"field\": \"request.headers.x-word\", \"operator\": \"equals\", \"value\": 0}");
    assertMatch("{\"field\": \"response.json.flag\", \"operator\": \"equals\", \"value\": true}");
    assertMatch("{\"field\": \"response.json.flag\", \"operator\": \"equals\", \"value\": \"true\"}");
    assertNoMatch("{\"field\": \"response.json.flag\", \"operator\": \"equals\", \"value\": false}");
  }

  @Test
  void containsAndNotContains() {
    assertMatch("{\"field\": \"url\", \"operator\": \"contains\", \"value\": \"/API/\"}");
    assertNoMatch("{\"field\": \"url\", \"operator\": \"contains\", \"value\": \"/api/\"}");
    assertMatch("{\"field\": \"url\", \"operator\": \"contains\", \"value\": \"/api/\", \"case_insensitive\": true}");
    assertMatch("{\"field\": \"url\", \"operator\": \"not_contains\", \"value\": \"/api/\"}");
    assertNoMatch("{\"field\": \"url\", \"operator\": \"not_contains\", \"value\": \"/api/\", \"case_insensitive\": true}");
    assertMatch("{\"field\": \"status\", \"operator\": \"contains\", \"value\": 20}");
    assertMatch("{\"field\": \"response.body\", \"operator\": \"contains\", \"value\": \"red shoe\", \"case_insensitive\": true}");
  }

  @Test
  void startsWithAndEndsWith() {
    assertMatch("{\"field\": \"path\", \"operator\": \"starts_with\", \"value\": \"/API\"}");
    assertNoMatch("{\"field\": \"path\", \"operator\": \"starts_with\", \"value\": \"/api\"}");
    assertMatch("{\"field\": \"path\", \"operator\": \"starts_with\", \"value\": \"/api\", \"case_insensitive\": true}");
    assertMatch("{\"field\": \"path\", \"operator\": \"ends_with\", \"value\": \"Cart\"}");
    assertNoMatch("{\"field\": \"path\", \"operator\": \"ends_with\", \"value\": \"cart\"}");
    assertMatch("{\"field\": \"path\", \"operator\": \"ends_with\", \"value\": \"CART\", \"case_insensitive\": true}");
    assertNoMatch("{\"field\": \"path\", \"operator\": \"ends_with\", \"value\": \"/a/much/longer/API/Cart\"}");
  }

  @Test
  void regexFindsAnywhereUnlessAnchored() {
    assertMatch("{\"field\": \"path\", \"operator\": \"regex\", \"value\": \"API/C[a-z]+\"}");
    assertNoMatch("{\"field\": \"path\", \"operator\": \"regex\", \"value\": \"^API\"}");
    assertMatch("{\"field\": \"path\", \"operator\": \"regex\", \"value\": \"^/API/Cart$\"}");
    assertNoMatch("{\"field\": \"path\", \"operator\": \"regex\", \"value\": \"/api/cart\"}");
    assertMatch("{\"field\": \"path\", \"operator\": \"regex\", \"value\": \"/api/cart\", \"case_insensitive\": true}");
    assertMatch("{\"field\": \"status\", \"operator\": \"regex\", \"value\": \"^2\\\\d\\\\d$\"}");
  }

  @Test
  void inAndNotIn() {
    assertMatch("{\"field\": \"method\", \"operator\": \"in\", \"value\": [\"GET\", \"POST\"]}");
    assertNoMatch("{\"field\": \"method\", \"operator\": \"in\", \"value\": [\"get\", \"post\"]}");
    assertMatch("{\"field\": \"method\", \"operator\": \"in\", \"value\": [\"get\", \"post\"], \"case_insensitive\": true}");
    assertMatch("{\"field\": \"status\", \"operator\": \"in\", \"value\": [200, 201, 204]}");
    assertMatch("{\"field\": \"status\", \"operator\": \"in\", \"value\": [\"201\"]}");
    assertMatch("{\"field\": \"response.json.flag\", \"operator\": \"in\", \"value\": [true, \"x\"]}");
    assertNoMatch("{\"field\": \"status\", \"operator\": \"not_in\", \"value\": [200, 201]}");
    assertMatch("{\"field\": \"status\", \"operator\": \"not_in\", \"value\": [200, 204]}");
    assertMatch("{\"field\": \"method\", \"operator\": \"not_in\", \"value\": [\"get\"], \"case_insensitive\": true}");
    assertNoMatch("{\"field\": \"method\", \"operator\": \"not_in\", \"value\": [\"post\"], \"case_insensitive\": true}");
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
      "status, gt, 200, true", "status, gt, 201, false",
      "status, gte, 201, true", "status, gte, 202, false",
      "status, lt, 202, true", "status, lt, 201, false",
      "status, lte, 201, true", "status, lte, 200, false",
      "response.json.price, gt, 12.4, true", "response.json.price, lt, 12.5, false",
      "request.headers.x-count, gt, 1000, true", "duration_ms, lt, 200, true",
      // a value that is not a number matches no numeric comparison, whichever way
      "request.headers.x-word, gt, 0, false", "request.headers.x-word, lte, 0, false",
      "response.json.name, gte, 0, false", "response.json.flag, lt, 10, false",
  })
  void numericComparisons(String field, String op, String bound, boolean matches) {
    String condition = "{\"field\": \"" + field + "\", \"operator\": \"" + op + "\", \"value\": " + bound + "}";
    assertThat(matches(condition, EVENT)).isEqualTo(matches);
  }

  @Test
  void caseInsensitiveIsAcceptedAndIgnoredWhereCaseDoesNotMatter() {
    assertMatch("{\"field\": \"status\", \"operator\": \"gt\", \"value\": 200, \"case_insensitive\": true}");
    assertMatch("{\"field\": \"method\", \"operator\": \"exists\", \"case_insensitive\": true}");
    assertMatch("{\"field\": \"method\", \"operator\": \"equals\", \"value\": \"POST\", \"case_insensitive\": false}");
  }

  @Test
  void existsAndNotExists() {
    assertMatch("{\"field\": \"request.headers.x-word\", \"operator\": \"exists\"}");
    assertNoMatch("{\"field\": \"request.headers.x-word\", \"operator\": \"not_exists\"}");
    assertNoMatch("{\"field\": \"request.headers.accept\", \"operator\": \"exists\"}");
    assertMatch("{\"field\": \"request.headers.accept\", \"operator\": \"not_exists\"}");
    assertMatch("{\"field\": \"response.json.empty\", \"operator\": \"exists\"}");
    assertMatch("{\"field\": \"response.json\", \"operator\": \"exists\"}");
  }

  /**
   * A field the event does not have matches only the negative operators, whether that is found per
   * event (an HTTP request without the header) or decided once for the event type (the router
   * never reads headers of a WebSocket frame).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "equals | \"a\"", "not_equals | \"a\"", "contains | \"\"", "not_contains | \"\"", "starts_with | \"\"",
      "ends_with | \"\"", "regex | \".*\"", "in | [\"a\", 1]", "not_in | [\"a\", 1]", "gt | -1", "gte | 0", "lt | 1e9",
      "lte | 0", "exists | ", "not_exists | "})
  void aMissingFieldMatchesOnlyNegativeOperators(String op, String value) {
    String condition = "{\"field\": \"request.headers.x-absent\", \"operator\": \"" + op + "\""
        + (value == null ? "" : ", \"value\": " + value) + "}";
    boolean expected = Set.of("not_equals", "not_contains", "not_in", "not_exists").contains(op);
    CaptureEvent withoutHeader = EVENT;
    CaptureEvent withoutHeaders = TestEvents.wsFrame(WsFrameEvent.Direction.SENT, "x");
    assertThat(matches(condition, withoutHeader)).as("missing at run time").isEqualTo(expected);
    assertThat(matches(condition, withoutHeaders)).as("missing for the event type").isEqualTo(expected);
  }

  private static void assertMatch(String condition) {
    assertThat(matches(condition, EVENT)).as(condition).isTrue();
  }

  private static void assertNoMatch(String condition) {
    assertThat(matches(condition, EVENT)).as(condition).isFalse();
  }

  static boolean matches(String condition, CaptureEvent event) {
    List<String> streams = new Router(List.of(ruleWith("s", condition))).route(event);
    return streams.equals(List.of("s"));
  }
}
