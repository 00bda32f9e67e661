package io.datasipper.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.testkit.SampleEvents;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trying a stream's rule and transform over the last stored events, delivering nothing. */
class TryPartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Keeps the frame's payload, drops frames whose payload says so, fails on others. */
  private static final String TRANSFORM = "function transform(event) {"
      + " const n = JSON.parse(event.payload.data).n;"
      + " if (n % 4 === 0) { return null; }"
      + " if (n % 5 === 0) { throw new Error(\"five\"); }"
      + " return {seq: event.seq, n: n}; }";

  @TempDir Path dir;
  private RunningConfig running;

  @BeforeEach
  void serve() throws Exception {
    Files.writeString(dir.resolve("datasipper.yaml"), RunningConfig.config(dir, "out.jsonl", TRANSFORM));
    running = new RunningConfig(dir);
    // Every third event a call, the others frames.
    SampleEvents.fill(running.store, 1, 30, seq -> SampleEvents.event(seq, 2, "{\"n\":" + seq + "}"));
  }

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void eachOfTheLastEventsSaysWhetherItMatchedWasDroppedFailedOrWhatItMade() throws Exception {
    HttpResponse<String> tried = tryStream("frames", "{\"limit\": 10}");

    assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
    List<JsonNode> results = new ArrayList<>();
    JSON.readTree(tried.body()).get("results").forEach(results::add);
    assertThat(results).extracting(r -> r.get("seq").asLong()).containsExactly(21L, 22L, 23L, 24L, 25L, 26L, 27L,
        28L, 29L, 30L);
    assertThat(byseq(results, 21).get("matched").asBoolean()).as("a call").isFalse();
    assertThat(byseq(results, 22).get("records").toString()).isEqualTo("[{\"seq\":22,\"n\":22}]");
    assertThat(byseq(results, 28).get("dropped").asBoolean()).isTrue();
    assertThat(byseq(results, 25).get("error").asText()).contains("five");
    assertThat(byseq(results, 25).get("records")).isEmpty();
  }

  @Test
  void aTransformAndConditionsSentInTheRequestAreTriedInsteadOfTheSavedOnes() throws Exception {
    HttpResponse<String> tried = tryStream("frames", """
        {"limit": 3, "transform": "function transform(e) { return {url: e.url}; }",
         "conditions": [{"field": "type", "operator": "equals", "value": "http"}]}""");

    assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
    JsonNode results = JSON.readTree(tried.body()).get("results");
    assertThat(results.get(2).get("seq").asLong()).isEqualTo(30);
    assertThat(results.get(2).get("matched").asBoolean()).isTrue();
    assertThat(results.get(2).get("records").toString()).isEqualTo("[{\"url\":\"http://127.0.0.1/api/orders/30\"}]");
    assertThat(results.get(1).get("matched").asBoolean()).as("a frame").isFalse();
  }

  @Test
  void conditionsForAStreamNotYetSavedAreTriedWithoutATransform() throws Exception {
    HttpResponse<String> tried = tryStream("new_calls", """
        {"limit": 6, "conditions": [{"field": "type", "operator": "equals", "value": "http"}]}""");

    assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
    JsonNode results = JSON.readTree(tried.body()).get("results");
    assertThat(results).extracting(r -> r.get("matched").asBoolean()).containsExactly(false, false, true, false, false, true);
    assertThat(results.get(2).at("/records/0/url").asText()).as("the event as it is stored")
        .isEqualTo("http://127.0.0.1/api/orders/27");
  }

  @Test
  void matchOnlySaysWhichEventsTheRuleTakesWithoutRunningTheTransform() throws Exception {
    HttpResponse<String> tried = tryStream("frames", "{\"limit\": 1000, \"match_only\": true}");

    assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
    List<JsonNode> results = new ArrayList<>();
    JSON.readTree(tried.body()).get("results").forEach(results::add);
    assertThat(results).hasSize(30);
    assertThat(results).filteredOn(r -> r.get("matched").asBoolean()).as("every frame, none dropped or failed")
        .hasSize(20).allSatisfy(r -> {
          assertThat(r.get("records")).isEmpty();
          assertThat(r.get("dropped").asBoolean()).isFalse();
          assertThat(r.get("error").isNull()).isTrue();
        });

    HttpResponse<String> bad = tryStream("frames", "{\"match_only\": \"yes\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(error(bad)).isEqualTo("body.match_only: \"yes\" is not true or false");
  }

  @Test
  void matchingCountsOnlyTheEventsTheRuleTakesAndIncludesEachEventTried() throws Exception {
    HttpResponse<String> tried = tryStream("frames", """
        {"limit": 3, "matching": true, "include_events": true,
         "conditions": [{"field": "type", "operator": "equals", "value": "http"}]}""");

    assertThat(tried.statusCode()).as(tried.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(tried.body());
    assertThat(body.get("transform").asText()).as("the saved transform ran").isEqualTo(TRANSFORM);
    List<JsonNode> results = new ArrayList<>();
    body.get("results").forEach(results::add);
    assertThat(results).as("the last three calls, every third seq, oldest first")
        .extracting(r -> r.get("seq").asLong()).containsExactly(24L, 27L, 30L);
    assertThat(results).allSatisfy(r -> assertThat(r.get("matched").asBoolean()).isTrue());
    assertThat(results.get(2).get("event").get("url").asText()).isEqualTo("http://127.0.0.1/api/orders/30");
    assertThat(results.get(2).get("event").get("seq").asLong()).isEqualTo(30);
  }

  @Test
  void aTransformThatDoesNotLoadNamesItsLineAndColumnAsFields() throws Exception {
    HttpResponse<String> tried = tryStream("frames",
        "{\"transform\": \"function transform(e) {\\n  return e.url;\\n  let = ;\\n}\"}");

    assertThat(tried.statusCode()).as(tried.body()).isEqualTo(400);
    JsonNode body = JSON.readTree(tried.body());
    assertThat(body.get("line").asInt()).isEqualTo(3);
    assertThat(body.get("column").asInt()).isPositive();
    assertThat(body.get("error").asText()).startsWith("body.transform: transform of stream 'frames': line 3, column ")
        .contains("syntax error");
  }

  @Test
  void anUnknownStreamIs404AndBadInputIs400NamingIt() throws Exception {
    HttpResponse<String> unknown = tryStream("nope", "{}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown)).isEqualTo("stream 'nope': no such stream; streams: frames");

    HttpResponse<String> badJs = tryStream("frames", "{\"transform\": \"function transform(e) { return {\"}");
    assertThat(badJs.statusCode()).isEqualTo(400);
    assertThat(error(badJs)).startsWith("body.transform: transform of stream 'frames'").contains("line 1");

    HttpResponse<String> badLimit = tryStream("frames", "{\"limit\": 1001}");
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(error(badLimit)).isEqualTo("body.limit: 1001 is not a number of events from 1 to 1000");

    HttpResponse<String> badRule = tryStream("frames",
        "{\"conditions\": [{\"field\": \"type\", \"operator\": \"equal\", \"value\": \"http\"}]}");
    assertThat(badRule.statusCode()).isEqualTo(400);
    assertThat(error(badRule)).startsWith("body.conditions[0].operator: ");
  }

  private static JsonNode byseq(List<JsonNode> results, long seq) {
    return results.stream().filter(r -> r.get("seq").asLong() == seq).findFirst().orElseThrow();
  }

  private static String error(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("error").asText();
  }

  private HttpResponse<String> tryStream(String name, String body) throws Exception {
    return running.api.send(running.api.request("/api/streams/" + name + "/try")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
  }
}
