package io.datasipper.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.route.Router;
import io.datasipper.route.RuleParser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A list of events asks for their summaries, as the dashboard's live table and the side panel do:
 * a stored page with {@code summary=true} and a feed subscribed with {@code "summary": true} send
 * each event's line, not its headers and bodies, and the streams that take it as before.
 */
class EventSummariesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final Router frames = new Router(RuleParser.parseAll(List.of(Map.of("name", "frames", "conditions",
      List.of(Map.of("field", "type", "operator", "equals", "value", "ws_frame")))), "streams"));
  private ServedEvents served;

  @BeforeEach
  void start() throws Exception {
    served = new ServedEvents(dir.resolve("data"), () -> frames);
    served.http("https://shop.example.com/api/orders/1");
    served.frame("wss://shop.example.com/ws", "a frame's payload");
    assertThat(served.store.awaitCommitAfter(1, WAIT)).isTrue();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void aPageAskedForSummariesHasEachEventsLineAndNotItsHeadersOrBodies() throws Exception {
    HttpResponse<String> answer = served.api.get("/api/events?order=oldest&summary=true&with_streams=true");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode page = JSON.readTree(answer.body());

    assertThat(page.get("events").get(0)).isEqualTo(JSON.readTree("""
        {"seq": 1, "type": "http", "time": "2026-12-02T08:00:00.004Z", "tab_id": "tab-1",
         "url": "https://shop.example.com/api/orders/1", "method": "GET", "status": 200, "size": 11, "duration_ms": 3.0}
        """));
    assertThat(page.get("events").get(1)).isEqualTo(JSON.readTree("""
        {"seq": 2, "type": "ws_frame", "time": "2026-12-02T08:00:00.002Z", "tab_id": "tab-1",
         "url": "wss://shop.example.com/ws", "direction": "received", "size": 17}
        """));
    assertThat(page.get("streams").get("2").get(0).asText()).isEqualTo("frames");
    assertThat(answer.body()).doesNotContain("Accept", "{\\\"ok\\\":true}", "a frame's payload");

    JsonNode whole = JSON.readTree(served.api.get("/api/events?order=oldest").body());
    assertThat(whole.get("events").get(0).get("request").get("headers")).as("only when asked for").hasSize(1);
  }

  @Test
  void aFeedClientThatAsksGetsSummariesOfTheStoredAndTheLiveEventsWithTheirStreams() throws Exception {
    try (FeedClient client = new FeedClient(served.server)) {
      assertThat(client.subscribe("{\"summary\": 1}").get("error").asText())
          .isEqualTo("summary: expected true or false, got a number");
      client.send("{\"since\": 0, \"summary\": true, \"streams\": true, \"batch_ms\": 20}");
      List<JsonNode> caughtUp = client.until(m -> m.has("live")).stream().filter(m -> m.has("event")).toList();
      assertThat(caughtUp).hasSize(2);
      assertThat(caughtUp.get(0).get("event").get("method").asText()).isEqualTo("GET");
      assertThat(caughtUp.get(0).get("event").has("request")).isFalse();
      assertThat(caughtUp.get(1).get("event").get("size").asLong()).isEqualTo(17);
      assertThat(caughtUp.get(1).get("event").has("payload")).isFalse();
      assertThat(caughtUp.get(1).get("streams").get(0).asText()).isEqualTo("frames");

      served.frame("wss://shop.example.com/ws", "live");
      JsonNode live = client.next();
      assertThat(live.get("event").get("seq").asLong()).isEqualTo(3);
      assertThat(live.get("event").get("size").asLong()).isEqualTo(4);
      assertThat(live.get("event").has("id")).isFalse();
      assertThat(live.get("streams").get(0).asText()).isEqualTo("frames");
    }
  }

  @Test
  void aCompactFeedSendsTheSameSummariesInFewerCharactersEachWithWhatDiffersFromTheOneBefore() throws Exception {
    served.frame("wss://shop.example.com/ws", "another frame");
    assertThat(served.store.awaitCommitAfter(2, WAIT)).isTrue();
    try (FeedClient batches = new FeedClient(served.server); FeedClient compact = new FeedClient(served.server)) {
      assertThat(compact.subscribe("{\"compact\": true, \"batch_ms\": 20}").get("error").asText())
          .startsWith("compact: needs \"summary\": true and \"batch_ms\" too");
      long refusal = compact.charsReceived();
      batches.send("{\"since\": 0, \"summary\": true, \"streams\": true, \"batch_ms\": 20}");
      compact.send("{\"since\": 0, \"summary\": true, \"streams\": true, \"batch_ms\": 20, \"compact\": true}");
      List<JsonNode> whole = batches.until(m -> m.has("live"));
      List<JsonNode> made = compact.until(m -> m.has("live"));

      assertThat(made).hasSize(4).isEqualTo(whole);
      assertThat(made.get(2).get("event").get("size").asLong()).isEqualTo(13);
      String unsent = "\"type\":\"ws_frame\",\"tab_id\":\"tab-1\",\"url\":\"wss://shop.example.com/ws\"";
      assertThat(compact.charsReceived() - refusal).as("the second frame's tab, URL, type, direction and streams not again")
          .isLessThan(batches.charsReceived() - unsent.length());
      assertThat(served.feed.bytesSent()).as("the feed's count of what it sent, the refusal aside")
          .isEqualTo(batches.charsReceived() + compact.charsReceived() - refusal);
    }
  }
}
