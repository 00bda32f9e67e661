package io.datasipper.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.capture.testsite.TestSite;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Event streams a page reads with fetch, in a real headless Chromium: their messages are made as
 * they arrive, while the stream is still open, and never again when it ends.
 */
class FetchEventStreamTest {
  private static final Duration LIVE_BOUND = Duration.ofSeconds(5);

  @TempDir static Path dataDir;
  static TestSite site;
  static CollectingSink sink = new CollectingSink();
  static List<CaptureEvent> whileOpen;
  static boolean allArrivedInTime;

  @BeforeAll
  static void captureTheLivePage() throws Exception {
    site = new TestSite();
    try (Capture capture = Capture.launch(Chromium.headless(dataDir.resolve("profile")), CaptureRules.defaults(),
        new EventStamps(1), sink)) {
      capture.open(site.url("/live.html"));
      awaitServerSentEveryLiveMessage();
      allArrivedInTime = sink.await(e -> e instanceof SseEvent s && s.url().endsWith("/sse/live")
          && "n3".equals(s.lastEventId()), LIVE_BOUND);
      whileOpen = sink.events();
      for (String finite : List.of("/sse/chunked", "/sse/chunked-reader")) {
        assertThat(sink.await(e -> e instanceof HttpEvent h && h.url().endsWith(finite), Duration.ofSeconds(30)))
            .as("the finite stream %s ended; captured: %s", finite, summary()).isTrue();
      }
    }
  }

  private static List<String> summary() {
    return sink.events().stream().map(e -> e instanceof HttpEvent h ? h.url() : e.type()).toList();
  }

  private static void awaitServerSentEveryLiveMessage() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (site.log().liveSseSent().size() < TestSite.LIVE_SSE.size()) {
      assertThat(System.nanoTime()).as("the page opened /sse/live and the site sent its messages").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @AfterAll
  static void stopSite() {
    site.close();
  }

  @Test
  void messagesOfAnOpenStreamArriveLiveInOrder() {
    assertThat(allArrivedInTime).as("the last message was captured within %s of being sent", LIVE_BOUND).isTrue();
    assertThat(whileOpen).filteredOn(e -> e instanceof HttpEvent h && h.url().endsWith("/sse/live"))
        .as("the stream's exchange had not ended").isEmpty();
    assertLiveMessages(live(whileOpen));
  }

  @Test
  void eachLiveMessageIsMadeOnceWithTheTimeItArrived() {
    List<SseEvent> live = live(sink.events());
    assertLiveMessages(live);
    List<Instant> sent = site.log().liveSseSent();
    for (int i = 0; i < live.size(); i++) {
      assertThat(live.get(i).timestamp()).as("arrival of message %d", i)
          .isBetween(sent.get(i).minusMillis(250), sent.get(i).plus(LIVE_BOUND));
      if (i > 0) {
        // Not strictly after: on a busy machine two of the site's chunks, 150 ms apart, can reach
        // the browser in one read and so arrive at the same instant.
        assertThat(live.get(i).timestamp()).as("message %d arrived no earlier than the one before", i)
            .isAfterOrEqualTo(live.get(i - 1).timestamp());
      }
    }
    assertThat(sink.http("/sse/live")).as("made once the capture ended").singleElement()
        .satisfies(h -> assertThat(h.response().mimeType()).isEqualTo("text/event-stream"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/sse/chunked", "/sse/chunked-reader"})
  void aFiniteStreamWrittenInSmallPiecesIsParsedOnceAndKeptWhole(String path) {
    List<SseEvent> chunked = sink.of(SseEvent.class).stream().filter(e -> e.url().endsWith(path)).toList();
    assertThat(chunked).hasSize(TestSite.SSE_CHUNKED_MESSAGES);
    for (int i = 0; i < chunked.size(); i++) {
      assertThat(chunked.get(i).data()).isEqualTo(TestSite.chunkedSseData(i));
      assertThat(chunked.get(i).lastEventId()).isEqualTo("c" + i);
      assertThat(chunked.get(i).event()).isEqualTo("message");
      assertThat(chunked.get(i).via()).isEqualTo(SseEvent.Via.FETCH);
    }
    assertThat(chunked.get(0).timestamp()).as("made as they arrived, not all at the end")
        .isBefore(chunked.get(chunked.size() - 1).timestamp());
    assertThat(sink.http(path)).hasSize(1);
    HttpEvent http = sink.http(path).get(0);
    assertThat(EventHeader.find(http.response().headers(), "content-type")).as("no charset declared")
        .isEqualTo("text/event-stream");
    // UTF-8 (an event stream is, whatever it declares), and whole though read with getReader().
    assertThat(http.response().body().encoding()).isEqualTo(Body.Encoding.TEXT);
    assertThat(http.response().body().data()).isEqualTo(
        new String(site.log().hits(path).get(0).responseBody(), java.nio.charset.StandardCharsets.UTF_8));
    assertThat(http.response().body().truncated()).isFalse();
  }

  private static List<SseEvent> live(List<CaptureEvent> events) {
    return events.stream().filter(e -> e instanceof SseEvent s && s.url().endsWith("/sse/live"))
        .map(SseEvent.class::cast).toList();
  }

  private static void assertLiveMessages(List<SseEvent> live) {
    assertThat(live).extracting(SseEvent::event, SseEvent::lastEventId, SseEvent::data)
        .containsExactlyElementsOf(TestSite.LIVE_SSE.stream()
            .map(m -> tuple(m.event(), m.lastEventId(), m.data())).toList());
    assertThat(live).allSatisfy(e -> assertThat(e.via()).isEqualTo(SseEvent.Via.FETCH));
  }
}
