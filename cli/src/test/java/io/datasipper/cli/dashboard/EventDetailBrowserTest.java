package io.datasipper.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.server.LocalServer;
import io.datasipper.server.events.EventsPart;
import io.datasipper.server.feed.FeedPart;
import io.datasipper.server.ui.UiPart;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreKey;
import io.datasipper.store.StoreWriter;
import io.datasipper.testkit.SampleEvents;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event detail in a real headless Chromium over a real server and store: a JSON body as a
 * tree that collapses, timing bars in proportion, an image response previewed, a body downloaded
 * to a file, a WebSocket frame opening its connection's timeline, an SSE message its stream's (and
 * so does the stream's own request), and a 600 kB JSON body opening only its first rows.
 */
class EventDetailBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String COUNT = "document.querySelector('[data-testid=count]')?.textContent ?? ''";
  private static final String PROFILE = "{\"user\":{\"name\":\"ada\",\"roles\":[\"admin\",\"dev\"]},\"ok\":true}";
  @TempDir Path dir;

  @Test
  void theDetailShowsTreesImagesTimingDownloadsAndAConnectionsFrames() throws Exception {
    try (Dashboard d = Dashboard.open(dir, null)) {
      EventStamps stamps = d.stamps;
      StoreWriter writer = d.writer;
      PageDriver page = d.page;
      writer.accept(profile(stamps.nextSeq()));
      writer.accept(image(stamps.nextSeq()));
      for (int i = 3; i <= 7; i++) {
        long seq = stamps.nextSeq();
        writer.accept(SampleEvents.frame(seq, seq % 2 == 1 ? "conn-a" : "conn-b", "{\"n\":" + seq + "}"));
      }
      for (int i = 8; i <= 10; i++) {
        long seq = stamps.nextSeq();
        writer.accept(message(seq, seq == 9 ? "stream-2" : "stream-1"));
      }
      writer.accept(bigList(stamps.nextSeq()));
      writer.accept(eventStream(stamps.nextSeq(), "stream-1"));
      assertThat(d.store.awaitCommitAfter(11, WAIT)).isTrue();
      Path downloads = Files.createDirectories(dir.resolve("downloads"));
      page.allowDownloads(downloads);
      page.open(d.server.dashboardUrl().toString());
      assertThat(page.waitFor(COUNT, v -> v.asText().equals("12 events"), WAIT).asText()).isEqualTo("12 events");

      page.click("[data-seq=\"1\"]");
      String tree = "document.querySelector('[data-testid=body-response-body]')?.innerText ?? ''";
      assertThat(page.waitFor(tree, v -> v.asText().contains("ada"), WAIT).asText())
          .as("the JSON body opens as a tree").contains("name: \"ada\"", "roles: [2 items]", "\"admin\"", "ok: true");
      page.click("[data-testid=body-response-body] [data-path=\"/user\"] > .jt-toggle");
      assertThat(page.waitFor(tree, v -> !v.asText().contains("ada"), WAIT).asText())
          .as("a node collapses to its size").contains("user: {2 keys}", "ok: true").doesNotContain("admin");

      // blocked 5, connect 20 (ssl 10 of it), send 1, wait 50, receive 24 of 100 ms
      JsonNode wait = page.evaluate("(() => { const r = document.querySelector('[data-testid=timing] .timing-wait')"
          + ".getBoundingClientRect(); const s = r && document.querySelector('[data-testid=timing] svg').getBoundingClientRect();"
          + " return {left: (r.left - s.left) / s.width, width: r.width / s.width}; })()");
      assertThat(wait.path("left").asDouble()).as("wait starts after blocked, connect and send").isCloseTo(0.26, within());
      assertThat(wait.path("width").asDouble()).as("wait is half the exchange").isCloseTo(0.5, within());
      assertThat(page.evaluate("document.querySelectorAll('[data-testid=timing] tr').length").asInt()).isEqualTo(7);

      String link = "[data-testid=body-response-body-download]";
      assertThat(page.evaluate("document.querySelector('" + link + "').download").asText()).isEqualTo("profile.json");
      page.click(link);
      assertThat(PageDriver.awaitDownload(downloads, ".json", WAIT)).as("the body is saved under its URL's name")
          .hasFileName("profile.json").hasContent(PROFILE);

      Screenshots.save(page, "event-detail-json-timing.png");

      page.click("[data-seq=\"2\"]");
      assertThat(page.waitFor("document.querySelector('img[data-testid=body-response-body]')?.naturalWidth ?? 0",
          v -> v.asInt() > 0, WAIT).asInt()).as("the PNG body loads as an image").isEqualTo(4);

      assertFramesOfConnectionA(page);
      Screenshots.save(page, "event-detail-frames.png");

      page.click("[data-seq=\"10\"]");
      String messages = "Array.from(document.querySelectorAll('[data-testid=timeline] tr[data-frame-seq]'),"
          + " r => r.dataset.frameSeq).join(',')";
      assertThat(page.waitFor(messages, v -> v.asText().equals("8,10"), WAIT).asText())
          .as("an SSE message lists the messages of its stream only").isEqualTo("8,10");
      page.click("[data-testid=timeline] tr[data-frame-seq=\"8\"]");
      assertThat(page.waitFor("document.querySelector('[data-testid=body-message-data]')?.innerText ?? ''",
          v -> !v.asText().isEmpty(), WAIT).asText()).as("a message opens with its JSON").contains("price: 8");

      page.click("[data-seq=\"12\"]");
      // The message's timeline shows the same rows until the request's detail replaces it: wait for the request.
      String detail = "document.querySelector('[data-testid=detail]')?.innerText ?? ''";
      assertThat(page.waitFor(detail, v -> v.asText().contains("text/event-stream")
          && v.asText().contains("Messages of this stream"), WAIT).asText())
          .as("the stream's own request lists its messages").contains("Messages of this stream (2)");
      assertThat(page.waitFor(messages, v -> v.asText().equals("8,10"), WAIT).asText())
          .as("the same messages as its stream's message").isEqualTo("8,10");

      page.evaluate("window.longTasks = []; new PerformanceObserver(l => window.longTasks.push(...l.getEntries()"
          + ".map(e => e.duration))).observe({type: 'longtask'}); true");
      long clicked = System.nanoTime();
      page.click("[data-seq=\"11\"]");
      String more = "document.querySelector('[data-testid=body-response-body] .jt-more')?.textContent ?? ''";
      assertThat(page.waitFor(more, v -> !v.asText().isEmpty(), WAIT).asText())
          .as("a list of 20,000 opens its first 100 items").isEqualTo("19900 more…");
      double shownMs = (System.nanoTime() - clicked) / 1e6;
      assertThat(page.evaluate("document.querySelectorAll('[data-testid=body-response-body] .jt-row').length").asInt())
          .as("the rows drawn at first stay within the tree's budget").isBetween(100, 400);
      JsonNode longTasks = page.evaluate("window.longTasks");
      double longest = 0;
      for (JsonNode task : longTasks) {
        longest = Math.max(longest, task.asDouble());
      }
      System.out.printf("event detail of a %d-byte JSON body: tree shown %.0f ms after the click; %d long tasks, longest %.0f ms%n",
          BIG_LIST.length(), shownMs, longTasks.size(), longest);
    }
  }

  /** An encrypted store keeps no URL to match: the timeline reads the connection by its host instead. */
  @Test
  void anEncryptedStoreStillShowsAConnectionsFrames() throws Exception {
    try (Dashboard d = Dashboard.open(dir, StoreKey.generate())) {
      EventStamps stamps = d.stamps;
      StoreWriter writer = d.writer;
      PageDriver page = d.page;
      for (int i = 1; i <= 7; i++) {
        long seq = stamps.nextSeq();
        writer.accept(seq < 3 ? SampleEvents.call(seq) : SampleEvents.frame(seq, seq % 2 == 1 ? "conn-a" : "conn-b",
            "{\"n\":" + seq + "}"));
      }
      assertThat(d.store.awaitCommitAfter(6, WAIT)).isTrue();
      page.open(d.server.dashboardUrl().toString());
      assertThat(page.waitFor(COUNT, v -> v.asText().equals("7 events"), WAIT).asText()).isEqualTo("7 events");
      assertFramesOfConnectionA(page);
    }
  }

  /** A connection of more frames than a page holds: the timeline reads them a thousand at a time, on request. */
  @Test
  void aLongConnectionsFramesAreReadPageByPage() throws Exception {
    int frames = 2_150;
    try (Dashboard d = Dashboard.open(dir, null)) {
      EventStamps stamps = d.stamps;
      StoreWriter writer = d.writer;
      PageDriver page = d.page;
      for (int i = 1; i <= frames; i++) {
        long seq = stamps.nextSeq();
        writer.accept(SampleEvents.frame(seq, "conn-a", "{\"n\":" + seq + "}"));
      }
      assertThat(d.store.awaitCommitAfter(frames - 1, WAIT)).isTrue();
      page.open(d.server.dashboardUrl().toString());
      // The live table starts from the newest thousand stored events.
      page.waitFor(COUNT, v -> v.asText().equals("1,000 events"), WAIT);
      page.click("[data-seq=\"" + frames + "\"]");
      String rows = "document.querySelectorAll('[data-testid=timeline] tr[data-frame-seq]').length";
      String last = "document.querySelector('[data-testid=timeline] tr[data-frame-seq]:last-child')?.dataset.frameSeq";
      assertThat(page.waitFor(rows, v -> v.asInt() > 0, WAIT).asInt()).as("the first page").isEqualTo(1000);
      assertThat(page.evaluate(last).asText()).isEqualTo("1000");

      page.click("[data-testid=timeline-more]");
      assertThat(page.waitFor(rows, v -> v.asInt() > 1000, WAIT).asInt()).as("the second page, after the first").isEqualTo(2000);
      assertThat(page.evaluate(last).asText()).isEqualTo("2000");

      page.click("[data-testid=timeline-more]");
      assertThat(page.waitFor(rows, v -> v.asInt() > 2000, WAIT).asInt()).as("the rest").isEqualTo(frames);
      assertThat(page.evaluate("!!document.querySelector('[data-testid=timeline-more]')").asBoolean())
          .as("nothing more to read").isFalse();
    }
  }

  /** Frames 3, 5 and 7 are on conn-a, 4 and 6 on conn-b, all of ws://127.0.0.1/ws. */
  private static void assertFramesOfConnectionA(PageDriver page) throws Exception {
    page.click("[data-seq=\"5\"]");
    String frames = "Array.from(document.querySelectorAll('[data-testid=timeline] tr[data-frame-seq]'),"
        + " r => r.dataset.frameSeq).join(',')";
    assertThat(page.waitFor(frames, v -> !v.asText().isEmpty(), WAIT).asText())
        .as("the timeline lists the frames of this connection only").isEqualTo("3,5,7");
    assertThat(page.evaluate("document.querySelector('[data-testid=timeline] tr[data-frame-seq=\"7\"]').innerText").asText())
        .contains("received", "text", "7 B");
    page.click("[data-testid=timeline] tr[data-frame-seq=\"7\"]");
    assertThat(page.waitFor("document.querySelector('[data-testid=body-frame-payload]')?.innerText ?? ''",
        v -> !v.asText().isEmpty(), WAIT).asText()).as("a frame opens with its JSON").contains("n: 7");
  }

  /** 20,000 items, about 600 kB: more than the tree draws at first. */
  private static final String BIG_LIST = java.util.stream.IntStream.range(0, 20_000)
      .mapToObj(i -> "{\"i\":" + i + ",\"name\":\"item " + i + "\"}")
      .collect(java.util.stream.Collectors.joining(",", "[", "]"));

  private static CaptureEvent bigList(long seq) {
    Instant start = SampleEvents.T0.plusMillis(seq);
    return new HttpEvent("e" + seq, seq, start, start.plusMillis(40), null, "https://api.example.test/items", "GET",
        new HttpEvent.HttpRequest(List.of(), null),
        new HttpEvent.HttpResponse(200, "OK", List.of(), "application/json",
            Body.text(BIG_LIST, BIG_LIST.length(), false), "http/1.1", null, null, false),
        null, List.of(), null, "fetch", null, SampleEvents.TAB);
  }

  /** The EventSource request of {@code https://api.example.test/prices} whose messages are those of {@code request}. */
  private static CaptureEvent eventStream(long seq, String request) {
    Instant start = SampleEvents.T0.plusMillis(1);
    return new HttpEvent("e" + seq, seq, start, SampleEvents.T0.plusMillis(seq), request,
        "https://api.example.test/prices", "GET", new HttpEvent.HttpRequest(List.of(), null),
        new HttpEvent.HttpResponse(200, "OK", List.of(new EventHeader("Content-Type", "text/event-stream")),
            "text/event-stream", null, "http/1.1", null, null, false),
        null, List.of(), null, "eventsource", null, SampleEvents.TAB);
  }

  /** A server-sent event of {@code https://api.example.test/prices} on the stream of request {@code request}. */
  private static CaptureEvent message(long seq, String request) {
    return new SseEvent("e" + seq, seq, SampleEvents.T0.plusMillis(seq), request, "https://api.example.test/prices",
        "price", String.valueOf(seq), "{\"price\":" + seq + "}", SseEvent.Via.EVENT_SOURCE, SampleEvents.TAB);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.02);
  }

  private static CaptureEvent profile(long seq) {
    Instant start = SampleEvents.T0.plusMillis(seq);
    return new HttpEvent("e" + seq, seq, start, start.plusMillis(100), null, "https://api.example.test/users/profile", "GET",
        new HttpEvent.HttpRequest(List.of(new EventHeader("Accept", "application/json")), null),
        new HttpEvent.HttpResponse(200, "OK", List.of(new EventHeader("Content-Type", "application/json")),
            "application/json", Body.text(PROFILE, PROFILE.length(), false), "http/1.1", null, null, false),
        new HttpEvent.Timing(5, -1, 20, 10, 1, 50, 24, 100), List.of(), null, "fetch", null, SampleEvents.TAB);
  }

  /** A 4×3 PNG, made here so the test knows its size. */
  private static CaptureEvent image(long seq) throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", png);
    Instant start = SampleEvents.T0.plusMillis(seq);
    return new HttpEvent("e" + seq, seq, start, start.plusMillis(10), null, "https://img.example.test/pics/dot.png", "GET",
        new HttpEvent.HttpRequest(List.of(), null),
        new HttpEvent.HttpResponse(200, "OK", List.of(new EventHeader("Content-Type", "image/png")), "image/png",
            Body.base64(Base64.getEncoder().encodeToString(png.toByteArray()), png.size(), false), "http/1.1", null, null,
            false),
        null, List.of(), null, "image", null, SampleEvents.TAB);
  }

  /**
   * A store with its writer, the local server's events, feed and dashboard over it, and a headless
   * Chromium to look at them: what each test starts with.
   */
  private static final class Dashboard implements AutoCloseable {
    final EventStamps stamps = new EventStamps(1);
    final EventStore store;
    final StoreWriter writer;
    final LocalServer server;
    final PageDriver page;
    private final FeedPart feed;

    // What fails most often (no web build, no browser) comes first, before anything needs closing.
    private Dashboard(Path dir, StoreKey key) throws Exception {
      UiPart ui = UiPart.fromClassPath()
          .orElseThrow(() -> new AssertionError("the web module's build is not on the class path"));
      page = PageDriver.launch(dir.resolve("profile"));
      store = EventStore.open(dir.resolve("data"), key);
      RingBuffer ring = new RingBuffer();
      writer = new StoreWriter(store, ring, stamps, StoreWriter.Settings.defaults());
      feed = FeedPart.of(store, ring);
      server = LocalServer.start(0, List.of(new EventsPart(store), feed, ui));
    }

    /** With a store encrypted with {@code key}; a plain one for null. */
    static Dashboard open(Path dir, StoreKey key) throws Exception {
      return new Dashboard(dir, key);
    }

    @Override
    public void close() {
      try (store; writer; feed; server; page) {
        // Closed in the reverse order: the browser first, the store last.
      }
    }
  }
}
