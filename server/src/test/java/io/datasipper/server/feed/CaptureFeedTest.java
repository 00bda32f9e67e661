package io.datasipper.server.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.EventStamps;
import io.datasipper.capture.Capture;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.Chromium;
import io.datasipper.capture.testsite.SiteLog;
import io.datasipper.capture.testsite.TestSite;
import io.datasipper.server.LocalServer;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed of a real capture: headless Chromium runs the capture module's test site (requests,
 * a WebSocket, server-sent events) while clients watch the feed, and one that comes late catches up.
 */
class CaptureFeedTest {
  private static final String API_CALLS = """
      {"filter": [{"field": "type", "operator": "equals", "value": "http"},
                  {"field": "path", "operator": "starts_with", "value": "/api/"}]%s}""";

  @TempDir Path dir;

  @Test
  void clientsSeeWhatTheBrowserDidAsItHappensAndALateOneCatchesUp() throws Exception {
    try (TestSite site = new TestSite();
        EventStore store = EventStore.open(dir.resolve("data"))) {
      RingBuffer ring = new RingBuffer();
      EventStamps stamps = new EventStamps(store.maxSeq() + 1);
      StoreWriter writer = new StoreWriter(store, ring, stamps, StoreWriter.Settings.defaults());
      try (FeedPart feed = FeedPart.overRing(store, ring, FeedLimits.defaults());
          LocalServer server = LocalServer.start(0, List.of(feed));
          FeedClient api = new FeedClient(server);
          FeedClient frames = new FeedClient(server)) {
        api.subscribe(API_CALLS.formatted(""));
        frames.subscribe("""
            {"filter": {"field": "type", "operator": "equals", "value": "ws_frame"}}""");
        List<JsonNode> apiLive;
        try (Capture capture = Capture.launch(Chromium.headless(dir.resolve("profile")), CaptureRules.defaults(),
            stamps, writer)) {
          capture.open(site.url("/"));
          assertThat(site.awaitDone(90)).as("the page ran its whole scenario").isTrue();
          apiLive = api.until(m -> m.path("url").asText().endsWith("/api/done"));
        } finally {
          writer.close();
        }

        List<String> answered = site.log().hits().stream().map(SiteLog.Hit::path)
            .filter(p -> p.startsWith("/api/")).sorted().toList();
        assertThat(apiLive.stream().filter(m -> m.has("type")).map(m -> URI.create(m.path("url").asText()).getPath())
            .sorted().toList()).as("the API calls the site answered").isEqualTo(answered);

        long framesStored = store.countByType().get("ws_frame");
        List<JsonNode> framesLive = frames.drain(Duration.ofSeconds(2));
        assertThat(framesLive).allMatch(m -> m.path("type").asText().equals("ws_frame"));
        assertThat(framesLive).as("every frame the capture stored").hasSize((int) framesStored);
        assertThat(framesStored).isGreaterThanOrEqualTo(2L * TestSite.WS_TEXT_FRAMES_EACH_WAY);

        try (FeedClient late = new FeedClient(server)) {
          late.send(API_CALLS.formatted(", \"since\": 0"));
          List<JsonNode> caughtUp = late.until(m -> m.has("live"));
          assertThat(caughtUp.subList(0, caughtUp.size() - 1))
              .as("the same events, read back from the store").isEqualTo(apiLive.stream().filter(m -> m.has("type")).toList());
        }
      }
    }
  }
}
