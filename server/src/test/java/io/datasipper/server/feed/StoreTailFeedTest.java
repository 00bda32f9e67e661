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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feed of a data directory this process only serves ({@code datasipper serve}) while another
 * store object, as another process would, captures into it: the live events come from polling the
 * store.
 */
class StoreTailFeedTest {
  @TempDir Path dir;

  @Test
  void aServedDataDirectoryFeedsWhatAnotherWriterStores() throws Exception {
    Path data = dir.resolve("data");
    try (EventStore captured = EventStore.open(data);
        EventStore served = EventStore.open(data)) {
      EventStamps stamps = new EventStamps(1);
      try (StoreWriter writer = new StoreWriter(captured, new RingBuffer(), stamps, StoreWriter.Settings.defaults());
          FeedPart feed = FeedPart.tailing(served, FeedLimits.defaults().withPollInterval(Duration.ofMillis(50)));
          LocalServer server = LocalServer.start(0, List.of(feed));
          FeedClient catchUp = new FeedClient(server);
          FeedClient live = new FeedClient(server)) {
        List<Long> httpSeqs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          httpSeqs.add(emit(writer, stamps, i));
        }
        httpSeqs.removeIf(seq -> seq < 0);
        assertThat(captured.awaitCommitAfter(299, Duration.ofSeconds(30))).isTrue();

        assertThat(live.subscribe("{}").path("live").asBoolean()).isTrue();
        catchUp.send("""
            {"filter": {"field": "type", "operator": "equals", "value": "http"}, "since": 0}""");
        List<Long> liveSeqs = new ArrayList<>();
        long last = 0;
        for (int i = 300; i < 1_000; i++) {
          long seq = emit(writer, stamps, i);
          if (seq > 0) {
            httpSeqs.add(seq);
          }
          last = Math.abs(seq);
          liveSeqs.add(last);
          if (i % 50 == 0) {
            Thread.sleep(5);
          }
        }
        long lastHttp = httpSeqs.get(httpSeqs.size() - 1);
        List<JsonNode> got = catchUp.until(m -> m.path("seq").asLong() == lastHttp);
        assertThat(seqs(got)).isEqualTo(httpSeqs);
        assertThat(got).filteredOn(m -> m.has("type")).allMatch(m -> m.path("type").asText().equals("http"));
        long lastSeq = last;
        assertThat(seqs(live.until(m -> m.path("seq").asLong() == lastSeq))).isEqualTo(liveSeqs);
      }
    }
  }

  /** Every third event is a frame: returns the seq of an http event, minus that of a frame. */
  private static long emit(StoreWriter writer, EventStamps stamps, int i) {
    long seq = stamps.nextSeq();
    if (i % 3 == 2) {
      writer.accept(FeedEvents.frame("frame-" + seq, seq, "wss://api.example.com/live", "{\"n\":" + i + "}"));
      return -seq;
    }
    writer.accept(FeedEvents.http("http-" + seq, seq, "https://api.example.com/items/" + i));
    return seq;
  }

  private static List<Long> seqs(List<JsonNode> messages) {
    return messages.stream().filter(m -> m.has("type")).map(m -> m.path("seq").asLong()).toList();
  }
}
