package io.datasipper.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.EventStamps;
import io.datasipper.server.LocalServer;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The feed of a capture in this process, over a real store, ring buffer and store writer, with real
 * WebSocket clients against the local server.
 */
class FeedPartTest {
  private static final Duration QUIET = Duration.ofMillis(500);

  @TempDir Path dir;
  private EventStore store;
  private RingBuffer ring;
  private EventStamps stamps;
  private StoreWriter writer;
  private FeedPart feed;
  private LocalServer server;

  private void start(FeedLimits limits) throws Exception {
    store = EventStore.open(dir.resolve("data"));
    ring = new RingBuffer();
    stamps = new EventStamps(store.maxSeq() + 1);
    writer = new StoreWriter(store, ring, stamps, StoreWriter.Settings.defaults());
    feed = FeedPart.overRing(store, ring, limits);
    server = LocalServer.start(0, List.of(feed));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (feed != null) {
      feed.close();
    }
    if (writer != null) {
      writer.close();
    }
    if (store != null) {
      store.close();
    }
  }

  private long http(String url) {
    long seq = stamps.nextSeq();
    writer.accept(FeedEvents.http("http-" + seq, seq, url));
    return seq;
  }

  private long frame(String url, String text) {
    long seq = stamps.nextSeq();
    writer.accept(FeedEvents.frame("frame-" + seq, seq, url, text));
    return seq;
  }

  @Test
  void theFeedLeavesNoThreadThatWouldKeepAStoppedProgramRunning() throws Exception {
    start(FeedLimits.defaults());
    try (FeedClient client = new FeedClient(server)) {
      client.subscribe("{}");
      assertThat(liveThreads()).as("the feed's pinger while a client is subscribed").contains("datasipper-feed-ping");
    }
    server.close();
    server = null;
    feed.close();
    feed = null;
    List<String> left = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    do {
      left = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.isAlive() && !t.isDaemon() && t.getName().toLowerCase(java.util.Locale.ROOT).contains("ping"))
          .map(Thread::getName).toList();
      Thread.sleep(50);
    } while (!left.isEmpty() && System.nanoTime() < deadline);
    assertThat(left).as("threads that are no daemons and ping, after the server and feed stopped").isEmpty();
    assertThat(liveThreads()).doesNotContain("datasipper-feed-ping");
  }

  private static List<String> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
  }

  @Test
  void eachClientGetsTheEventsItsFilterMatchesAsTheyAreCaptured() throws Exception {
    start(FeedLimits.defaults());
    try (FeedClient apiCalls = new FeedClient(server);
        FeedClient frames = new FeedClient(server);
        FeedClient everything = new FeedClient(server)) {
      assertThat(apiCalls.subscribe("""
          {"filter": [{"field": "host", "operator": "equals", "value": "api.example.com"},
                      {"field": "type", "operator": "equals", "value": "http"}]}""").path("live").asBoolean())
          .isTrue();
      frames.subscribe("""
          {"filter": {"field": "type", "operator": "equals", "value": "ws_frame"}}""");
      everything.subscribe("{}");

      long items = http("https://api.example.com/items?page=1");
      http("https://cdn.example.com/logo.png");
      long tick = frame("wss://api.example.com/live", "{\"price\":12}");
      long cart = http("https://API.example.com:443/cart");
      long last = http("https://shop.example.com/");

      assertThat(seqsOf(apiCalls.until(m -> m.path("seq").asLong() == cart))).containsExactly(items, cart);
      assertThat(seqsOf(frames.until(m -> m.path("seq").asLong() == tick))).containsExactly(tick);
      List<JsonNode> all = everything.until(m -> m.path("seq").asLong() == last);
      assertThat(seqsOf(all)).containsExactly(items, items + 1, tick, cart, last);
      // Each event is its JSON as stored: the same text the store and the outputs have.
      JsonNode first = all.get(0);
      assertThat(first.path("type").asText()).isEqualTo("http");
      assertThat(first.path("url").asText()).isEqualTo("https://api.example.com/items?page=1");
      assertThat(first.path("response").path("status").asInt()).isEqualTo(200);
      assertThat(apiCalls.drain(QUIET)).isEmpty();
      assertThat(frames.drain(QUIET)).isEmpty();
    }
  }

  /** What the parameterized tests add to their subscribe messages: events one by one, or in batches. */
  private static final String ONE_BY_ONE = "\"streams\": false";
  private static final String IN_BATCHES = "\"batch_ms\": 20";

  @ParameterizedTest(name = "subscribed with \"{0}\"")
  @ValueSource(strings = {ONE_BY_ONE, IN_BATCHES})
  void sinceCatchesUpFromTheStoreWhileEventsArriveWithNoGapAndNoDuplicate(String subscribed) throws Exception {
    start(FeedLimits.defaults());
    for (int i = 0; i < 3_000; i++) {
      http("https://api.example.com/stored/" + i);
    }
    assertThat(store.awaitCommitAfter(2_999, Duration.ofSeconds(30))).isTrue();
    long lastSeq = 13_000;
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    try {
      // The capture goes on while the clients catch up: 10,000 more events over about half a second.
      Future<?> capture = threads.submit(() -> {
        for (int i = 0; i < 10_000; i++) {
          http("https://api.example.com/live/" + i);
          if (i % 20 == 0) {
            Thread.sleep(1);
          }
        }
        return null;
      });
      List<Future<List<JsonNode>>> clients = new ArrayList<>();
      for (long since : new long[] {0, 1_000, 2_999, 3_000, 6_000}) {
        clients.add(threads.submit(() -> {
          try (FeedClient client = new FeedClient(server)) {
            client.send("{\"since\": " + since + ", " + subscribed + "}");
            return client.until(m -> m.path("seq").asLong() == lastSeq);
          }
        }));
        Thread.sleep(40); // their seams fall at different moments of the capture
      }
      capture.get(60, TimeUnit.SECONDS);
      long[] sinces = {0, 1_000, 2_999, 3_000, 6_000};
      for (int c = 0; c < clients.size(); c++) {
        List<JsonNode> got = clients.get(c).get(60, TimeUnit.SECONDS);
        long since = sinces[c];
        List<Long> expected = LongStream.rangeClosed(since + 1, lastSeq).boxed().toList();
        assertThat(seqsOf(got)).as("events after seq %d", since).isEqualTo(expected);
        List<JsonNode> live = got.stream().filter(m -> m.has("live")).toList();
        assertThat(live).as("one live message for since %d", since).hasSize(1);
        int liveAt = got.indexOf(live.get(0));
        assertThat(live.get(0).path("since").asLong()).isEqualTo(since);
        assertThat(live.get(0).path("caught_up").asLong()).isEqualTo(liveAt);
        assertThat(got).noneMatch(m -> m.has("missed") || m.has("error"));
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @ParameterizedTest(name = "subscribed with \"{0}\"")
  @ValueSource(strings = {ONE_BY_ONE, IN_BATCHES})
  void aSlowClientIsToldWhatItMissedWhileTheOthersGetEverything(String subscribed) throws Exception {
    start(FeedLimits.defaults().withMaxQueuedEvents(1_000));
    String payload = "x".repeat(2_000);
    int count = 20_000;
    try (FeedClient fast = new FeedClient(server);
        FeedClient slow = new FeedClient(server)) {
      fast.subscribe("{" + subscribed + "}");
      slow.subscribe("{" + subscribed + "}");
      slow.pause();
      long first = stamps.peekSeq();
      long last = first + count - 1;
      // In chunks the fast client gets before the next is captured: on a loaded machine it keeps up
      // by design, while the paused one falls behind.
      List<JsonNode> fastGot = new ArrayList<>();
      for (int chunk = 0; chunk < count / 500; chunk++) {
        long chunkLast = 0;
        for (int i = 0; i < 500; i++) {
          chunkLast = frame("wss://api.example.com/live", payload);
        }
        long awaited = chunkLast;
        fastGot.addAll(fast.until(m -> m.path("seq").asLong() == awaited));
      }
      assertThat(seqsOf(fastGot)).isEqualTo(LongStream.rangeClosed(first, last).boxed().toList());
      assertThat(fastGot).noneMatch(m -> m.has("missed"));

      slow.resume();
      List<JsonNode> slowGot = slow.until(m -> m.path("seq").asLong() == last || m.path("to_seq").asLong() == last);
      List<JsonNode> missed = slowGot.stream().filter(m -> m.has("missed")).toList();
      assertThat(missed).as("the slow client is told it missed events").isNotEmpty();
      // Every event is either sent or counted in exactly one missed run, in seq order.
      long next = first;
      for (JsonNode m : slowGot) {
        if (m.has("missed")) {
          assertThat(m.path("from_seq").asLong()).isEqualTo(next);
          assertThat(m.path("missed").asLong()).isEqualTo(m.path("to_seq").asLong() - next + 1);
          next = m.path("to_seq").asLong() + 1;
        } else {
          assertThat(m.path("seq").asLong()).isEqualTo(next);
          next++;
        }
      }
      assertThat(next).isEqualTo(last + 1);

      // It resumes live once it reads again.
      long after = frame("wss://api.example.com/live", "again");
      assertThat(slow.next().path("seq").asLong()).isEqualTo(after);
      assertThat(fast.awaitMessage(m -> m.has("seq")).path("seq").asLong()).isEqualTo(after);
    }
  }

  @Test
  void aClientThatAsksForBatchesGetsTheSameEventsInFarFewerMessages() throws Exception {
    start(FeedLimits.defaults());
    for (int i = 0; i < 1_200; i++) {
      http("https://api.example.com/stored/" + i);
    }
    assertThat(store.awaitCommitAfter(1_199, Duration.ofSeconds(30))).isTrue();
    try (FeedClient oneByOne = new FeedClient(server);
        FeedClient batched = new FeedClient(server)) {
      oneByOne.send("{\"since\": 0}");
      batched.send("{\"since\": 0, \"batch_ms\": 50}");
      long last = 0;
      for (int i = 0; i < 2_000; i++) {
        last = i % 2 == 0 ? http("https://api.example.com/live/" + i) : frame("wss://api.example.com/live", "t" + i);
        if (i % 100 == 0) {
          Thread.sleep(5);
        }
      }
      long awaited = last;
      List<JsonNode> expected = oneByOne.until(m -> m.path("seq").asLong() == awaited);
      List<JsonNode> got = batched.until(m -> m.path("seq").asLong() == awaited);
      // The same events in the same order, as stored (the live message falls where each went live).
      assertThat(withoutLive(got)).isEqualTo(withoutLive(expected));
      assertThat(seqsOf(got)).isEqualTo(LongStream.rangeClosed(1, last).boxed().toList());
      assertThat(got).filteredOn(m -> m.has("live")).hasSize(1);
      assertThat(oneByOne.messagesReceived()).isEqualTo(expected.size());
      // The catch-up in pages of 500, the live events every 50 ms (or 256 at a time).
      assertThat(batched.messagesReceived()).as("messages for %d events", last).isLessThan(60);
    }
  }

  private static List<JsonNode> withoutLive(List<JsonNode> messages) {
    return messages.stream().filter(m -> !m.has("live")).toList();
  }

  @Test
  void aBadSubscribeIsAnsweredWithWhatIsWrongAndTheConnectionStaysOpen() throws Exception {
    start(FeedLimits.defaults());
    try (FeedClient client = new FeedClient(server)) {
      assertThat(client.subscribe("""
          {"filter": {"field": "host", "operator": "like", "value": "api.example.com"}}""").path("error").asText())
          .startsWith("filter.operator: \"like\" is not an operator; expected one of equals, not_equals");
      assertThat(client.subscribe("""
          {"filter": [{"field": "type", "operator": "equals", "value": "http"}, {"field": "hots", "operator": "exists"}]}""")
          .path("error").asText())
          .startsWith("filter[1].field: \"hots\"");
      assertThat(client.subscribe("{\"since\": -1}").path("error").asText())
          .isEqualTo("since: expected a seq, an integer of 0 or more (0 for every stored event), got -1");
      assertThat(client.subscribe("{\"filtre\": {}}").path("error").asText())
          .isEqualTo("subscribe: unknown key \"filtre\"; expected filter, since, streams, summary, batch_ms, compact");
      assertThat(client.subscribe("{\"batch_ms\": 0}").path("error").asText())
          .isEqualTo("batch_ms: expected milliseconds, an integer from 1 to 1000, got 0");
      assertThat(client.subscribe("{\"batch_ms\": \"50\"}").path("error").asText())
          .isEqualTo("batch_ms: expected milliseconds, an integer from 1 to 1000, got a string \"50\"");
      assertThat(client.subscribe("host=api.example.com").path("error").asText()).startsWith("subscribe: not JSON");

      JsonNode live = client.subscribe("""
          {"filter": {"field": "host", "operator": "equals", "value": "api.example.com"}}""");
      assertThat(live.path("live").asBoolean()).isTrue();
      http("https://cdn.example.com/logo.png");
      long wanted = http("https://api.example.com/items");
      assertThat(client.next().path("seq").asLong()).isEqualTo(wanted);

      client.send("{}");
      assertThat(client.next().path("error").asText()).startsWith("subscribe: this connection is subscribed already");
      long more = http("https://api.example.com/more");
      assertThat(client.next().path("seq").asLong()).isEqualTo(more);
    }
  }

  private static List<Long> seqsOf(List<JsonNode> messages) {
    return messages.stream().filter(m -> m.has("type")).map(m -> m.path("seq").asLong()).toList();
  }

}
