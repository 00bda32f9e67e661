package io.datasipper.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.route.Router;
import io.datasipper.route.RuleParser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which configured streams take each event, as the dashboard learns it: under {@code streams} of a
 * page asked {@code with_streams=true}, and with each feed event of a client that subscribed with
 * {@code "streams": true}, both decided by the streams' router as the configuration has it now.
 */
class StreamsOfEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private final AtomicReference<Router> routing = new AtomicReference<>(router(Map.of(
      "orders", Map.of("field", "path", "operator", "starts_with", "value", "/api/orders"),
      "shop", Map.of("field", "host", "operator", "equals", "value", "shop.example.com"))));
  private ServedEvents served;

  @BeforeEach
  void start() throws Exception {
    served = new ServedEvents(dir.resolve("data"), routing::get);
    served.http("https://shop.example.com/api/orders/1");
    served.http("https://shop.example.com/cart");
    served.http("https://other.example.com/api/orders/2");
    served.frame("wss://other.example.com/ws", "hello");
    assertThat(served.store.awaitCommitAfter(3, WAIT)).isTrue();
  }

  @AfterEach
  void stop() {
    served.close();
  }

  @Test
  void aPageAskedWithStreamsSaysWhichStreamsTakeEachEvent() throws Exception {
    JsonNode page = ok("/api/events?order=oldest&with_streams=true");
    assertThat(page.get("events")).hasSize(4);
    assertThat(streamsBySeq(page.get("streams"))).containsExactly(
        Map.entry("1", List.of("orders", "shop")), Map.entry("2", List.of("shop")), Map.entry("3", List.of("orders")),
        Map.entry("4", List.of()));
    assertThat(ok("/api/events").has("streams")).as("only asked for").isFalse();
    assertThat(ok("/api/events?with_streams=false").has("streams")).isFalse();

    routing.set(router(Map.of("frames", Map.of("field", "type", "operator", "equals", "value", "ws_frame"))));
    assertThat(streamsBySeq(ok("/api/events?order=oldest&with_streams=true").get("streams")))
        .as("the streams configured now").containsExactly(Map.entry("1", List.of()), Map.entry("2", List.of()),
            Map.entry("3", List.of()), Map.entry("4", List.of("frames")));

    HttpResponse<String> bad = served.api.get("/api/events?with_streams=yes");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("error").asText()).isEqualTo("with_streams: 'yes' is neither true nor false");
  }

  @Test
  void aFeedClientThatAsksGetsEachStoredAndLiveEventWithItsStreams() throws Exception {
    try (FeedClient client = new FeedClient(served.server)) {
      client.send("{\"since\": 2, \"streams\": true}");
      List<JsonNode> caughtUp = client.until(m -> m.has("live"));
      assertThat(caughtUp).hasSize(3);
      assertThat(caughtUp.get(0).get("event").get("seq").asLong()).isEqualTo(3);
      assertThat(names(caughtUp.get(0).get("streams"))).containsExactly("orders");
      assertThat(caughtUp.get(1).get("event").get("type").asText()).isEqualTo("ws_frame");
      assertThat(names(caughtUp.get(1).get("streams"))).isEmpty();

      served.http("https://shop.example.com/api/orders/5");
      JsonNode live = client.next();
      assertThat(live.get("event").get("seq").asLong()).isEqualTo(5);
      assertThat(names(live.get("streams"))).containsExactly("orders", "shop");
    }
  }

  @Test
  void aFeedClientThatDoesNotAskGetsTheEventsAsStored() throws Exception {
    try (FeedClient client = new FeedClient(served.server)) {
      assertThat(client.subscribe("{\"streams\": \"yes\"}").get("error").asText())
          .isEqualTo("streams: expected true or false, got a string");
      assertThat(client.subscribe("{}").has("live")).isTrue();
      served.http("https://shop.example.com/api/orders/5");
      JsonNode live = client.next();
      assertThat(live.get("seq").asLong()).isEqualTo(5);
      assertThat(live.has("streams")).isFalse();
    }
  }

  private JsonNode ok(String path) throws Exception {
    HttpResponse<String> answer = served.api.get(path);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static Router router(Map<String, Map<String, String>> conditions) {
    List<Map<String, Object>> rules = new ArrayList<>();
    new TreeMap<>(conditions).forEach((name, condition) ->
        rules.add(Map.of("name", name, "conditions", List.of(condition))));
    return new Router(RuleParser.parseAll(rules, "streams"));
  }

  private static Map<String, List<String>> streamsBySeq(JsonNode streams) {
    Map<String, List<String>> bySeq = new LinkedHashMap<>();
    streams.properties().forEach(e -> bySeq.put(e.getKey(), names(e.getValue())));
    return bySeq;
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.forEach(n -> names.add(n.asText()));
    return names;
  }
}
