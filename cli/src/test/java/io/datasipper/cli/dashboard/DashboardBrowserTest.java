package io.datasipper.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.server.LocalServer;
import io.datasipper.server.events.EventsPart;
import io.datasipper.server.feed.FeedLimits;
import io.datasipper.server.feed.FeedPart;
import io.datasipper.server.har.HarPart;
import io.datasipper.server.ui.UiPart;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import io.datasipper.testkit.SampleEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard as a user meets it, in a real headless Chromium over a real server and store:
 * the printed URL opens it, the stored events fill the live table, new ones arrive through the
 * feed, the filters narrow the table, a click opens an event's headers and bodies, which can be
 * copied as cURL, and pause and clear do what they say.
 */
class DashboardBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String COUNT = "document.querySelector('[data-testid=count]')?.textContent ?? ''";
  private static final String RIGHT_EDGE = "document.querySelector('%s').getBoundingClientRect().right";
  @TempDir Path dir;

  @Test
  void theStoredAndLiveEventsFillTheTableAndAClickOpensTheirDetail() throws Exception {
    try (Served served = Served.open(dir.resolve("data"), FeedLimits.defaults())) {
      for (int i = 1; i <= 40; i++) {
        long seq = served.stamps().nextSeq();
        served.accept(seq == 20 ? checkout(seq) : SampleEvents.event(seq, 3, "{\"tick\":" + seq + "}"));
      }
      assertThat(served.store().awaitCommitAfter(39, WAIT)).isTrue();

      try (PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
        page.allowClipboard(served.server().address().toString());
        page.open(served.server().dashboardUrl().toString());
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("40 events"), WAIT).asText())
            .as("the stored events fill the table").isEqualTo("40 events");
        System.out.printf("dashboard first load: page loaded in %.0f ms, rows shown by %.0f ms (cold browser cache)%n",
            page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd").asDouble(),
            page.evaluate("performance.now()").asDouble());
        assertThat(page.evaluate("location.href").asText()).as("the token left the address bar")
            .isEqualTo(served.server().address() + "/");
        assertThat(page.waitFor("document.querySelector('[data-testid=connection]').textContent",
            v -> v.asText().equals("live"), WAIT).asText()).isEqualTo("live");
        assertThat(page.evaluate("!!document.querySelector('[data-seq=\"40\"]')").asBoolean())
            .as("the table shows the newest row at the bottom").isTrue();
        assertThat(page.evaluate("document.querySelectorAll('[data-seq]').length").asInt())
            .as("only the rows in view are drawn").isBetween(20, 60);
        assertThat(page.evaluate("(v => v.scrollHeight > v.clientHeight)(document.querySelector('[data-testid=rows]'))")
            .asBoolean()).as("the table scrolls").isTrue();
        assertThat(page.evaluate(RIGHT_EDGE.formatted("[data-seq=\"40\"] .c-size")).asDouble())
            .as("the header's columns stand over the rows' beside the scrollbar")
            .isEqualTo(page.evaluate(RIGHT_EDGE.formatted(".row.head .c-size")).asDouble());

        for (int i = 0; i < 5; i++) {
          served.add("{\"live\":true}");
        }
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("45 events"), WAIT).asText())
            .as("events captured while the page is open arrive through the feed").isEqualTo("45 events");
        // SampleEvents: a seq divisible by 3 is a GET, the others are frames.
        assertThat(page.evaluate("document.querySelector('[data-seq=\"45\"]')?.textContent").asText())
            .contains("http", "GET", "200", "127.0.0.1", "/api/orders/45", "12 B");
        assertThat(page.evaluate("document.querySelector('[data-seq=\"44\"]')?.textContent").asText())
            .contains("ws_frame", "←", "127.0.0.1", "/ws", "13 B");

        page.click("[data-testid=text-filter]");
        page.type("checkout");
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("1 of 45 events"), WAIT).asText()).isEqualTo("1 of 45 events");
        assertThat(page.evaluate("document.querySelector('[data-seq=\"20\"]').textContent").asText())
            .contains("POST", "201", "shop.example.test", "/api/checkout?cart=7", "33 B", "250 ms");

        page.click("[data-seq=\"20\"]");
        String detail = page.waitFor("document.querySelector('[data-testid=detail]')?.innerText ?? ''",
            v -> v.asText().contains("Response body"), WAIT).asText();
        assertThat(detail).contains("Event 20", "Request headers", "X-Cart", "Response headers");
        assertThat(page.evaluate("document.querySelector('[data-testid=body-response-body]').innerText").asText())
            .as("the JSON body is a tree").contains("order: 7", "items: [2 items]", "\"tea\"", "\"cup\"");

        // For a look at it, and the README (see Screenshots).
        Screenshots.save(page, "dashboard-live-events.png");

        page.click("[data-testid=copy-curl]");
        page.waitFor("document.querySelector('.copied')?.textContent ?? ''", v -> !v.asText().isEmpty(), WAIT);
        assertThat(page.evaluate("navigator.clipboard.readText()").asText()).isEqualTo(
            "curl -X 'POST' 'https://shop.example.test/api/checkout?cart=7' -H 'Content-Type: application/json'"
                + " -H 'X-Cart: 7' --data-raw '{\"items\":[\"tea\",\"cup\"]}'");

        Path checkoutHar = downloadHar(page, dir.resolve("checkout-download"));
        assertThat(entries(checkoutHar)).as("the HAR holds the one exchange shown").singleElement().satisfies(e -> {
          assertThat(e.at("/request/method").asText()).isEqualTo("POST");
          assertThat(e.at("/request/url").asText()).isEqualTo("https://shop.example.test/api/checkout?cart=7");
          assertThat(e.at("/request/postData/text").asText()).isEqualTo("{\"items\":[\"tea\",\"cup\"]}");
          assertThat(e.at("/response/status").asInt()).isEqualTo(201);
        });

        page.setValue("[data-testid=text-filter]", "method:post status:2xx host:shop");
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("1 of 45 events"), WAIT).asText())
            .as("the filter box takes the rule fields a summary carries").isEqualTo("1 of 45 events");
        page.setValue("[data-testid=text-filter]", "status:>=400");
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("0 of 45 events"), WAIT).asText()).isEqualTo("0 of 45 events");
        page.setValue("[data-testid=text-filter]", "type:http response.json.order:7");
        assertThat(page.waitFor("document.querySelector('[data-testid=filter-problems]')?.textContent ?? ''",
            v -> !v.asText().isEmpty(), WAIT).asText()).as("a field the table cannot test is named, not ignored silently")
            .startsWith("response.json.order: the table keeps each event's summary");
        assertThat(page.evaluate(COUNT).asText()).as("the rest of the filter applies").isEqualTo("16 of 45 events");

        page.setValue("[data-testid=text-filter]", "");
        page.setValue("[data-testid=type-filter]", "ws_frame");
        // Of seqs 1 to 45, those not divisible by 3 are frames, but for 20, the checkout.
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("29 of 45 events"), WAIT).asText()).isEqualTo("29 of 45 events");
        List<JsonNode> connections = entries(downloadHar(page, dir.resolve("frames-download")));
        assertThat(connections).as("the frames shown, as the messages of their connections' entries")
            .extracting(e -> e.at("/request/url").asText()).containsOnly("ws://127.0.0.1/ws");
        assertThat(connections.stream().mapToInt(e -> e.path("_webSocketMessages").size()).sum()).isEqualTo(29);
        assertThat(page.evaluate("document.querySelector('[data-testid=har-note]') === null").asBoolean())
            .as("no note: the HAR holds every event shown").isTrue();

        page.click("[data-testid=pause]");
        for (int i = 0; i < 3; i++) {
          served.add("{\"paused\":true}");
        }
        assertThat(page.waitFor("document.querySelector('[data-testid=pause]').textContent",
            v -> v.asText().equals("Resume (3 new)"), WAIT).asText()).isEqualTo("Resume (3 new)");
        assertThat(page.evaluate(COUNT).asText()).as("a paused table stays as it was").isEqualTo("29 of 45 events");
        page.click("[data-testid=pause]");
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("31 of 48 events"), WAIT).asText())
            .as("what arrived while paused shows on resume").isEqualTo("31 of 48 events");

        page.click("[data-testid=clear]");
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("0 events"), WAIT).asText()).isEqualTo("0 events");
        assertThat(page.evaluate("[...document.querySelectorAll('[data-testid=rows] .row')]"
            + ".filter(r => r.checkVisibility({visibilityProperty: true})).length").asInt())
            .as("a cleared table shows no row, not even the empty ones kept for rows to come").isZero();
      }
    }
  }

  /**
   * The table follows new events while it shows the newest, and stays where the user scrolled up
   * to while more arrive; scrolled back down, it follows again.
   */
  @Test
  void theTableFollowsNewEventsUntilTheUserScrollsUp() throws Exception {
    try (Served served = Served.open(dir.resolve("data"), FeedLimits.defaults());
        PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
      for (int i = 0; i < 200; i++) {
        served.add("{\"stored\":true}");
      }
      assertThat(served.store().awaitCommitAfter(199, WAIT)).isTrue();
      page.open(served.server().dashboardUrl().toString());
      awaitLive(page);
      assertThat(page.waitFor(inView(200), JsonNode::asBoolean, WAIT).asBoolean()).as("the newest row is in view").isTrue();

      addLive(served, 10);
      assertThat(page.waitFor(inView(210), JsonNode::asBoolean, WAIT).asBoolean())
          .as("a table showing the newest row follows new ones").isTrue();

      int up = page.evaluate(FIRST_IN_VIEW).asInt() - 100;
      page.wheel("[data-testid=rows]", -24 * 100);
      String firstInView = page.waitFor(FIRST_IN_VIEW, v -> Math.abs(v.asInt() - up) <= 1, WAIT).asText();
      assertThat(Integer.parseInt(firstInView)).as("scrolled up by 100 rows").isCloseTo(up, within(1));
      addLive(served, 10);
      page.waitFor(COUNT, v -> v.asText().equals("220 events"), WAIT);
      Thread.sleep(500); // a redraw's wait
      assertThat(page.evaluate(FIRST_IN_VIEW).asText()).as("the rows the user scrolled to stay in view").isEqualTo(firstInView);
      assertThat(page.evaluate(inView(220)).asBoolean()).isFalse();

      page.wheel("[data-testid=rows]", 24 * 500);
      assertThat(page.waitFor(inView(220), JsonNode::asBoolean, WAIT).asBoolean()).as("scrolled back down").isTrue();
      addLive(served, 10);
      assertThat(page.waitFor(inView(230), JsonNode::asBoolean, WAIT).asBoolean())
          .as("scrolled back to the newest row, the table follows again").isTrue();
    }
  }

  /** The seq of the topmost row wholly inside the table's viewport; null while there is none. */
  private static final String FIRST_IN_VIEW = "(() => { const v = document.querySelector('[data-testid=rows]')"
      + ".getBoundingClientRect(); const r = [...document.querySelectorAll('[data-seq]')].find(e => {"
      + " const b = e.getBoundingClientRect(); return b.top >= v.top && b.bottom <= v.bottom; });"
      + " return r ? Number(r.dataset.seq) : null; })()";

  /** Whether the row of {@code seq} is drawn and wholly inside the table's viewport. */
  private static String inView(long seq) {
    return "(() => { const e = document.querySelector('[data-seq=\"" + seq + "\"]'); if (!e) return false;"
        + " const v = document.querySelector('[data-testid=rows]').getBoundingClientRect();"
        + " const b = e.getBoundingClientRect(); return b.top >= v.top && b.bottom <= v.bottom; })()";
  }

  private static void addLive(Served served, int count) {
    for (int i = 0; i < count; i++) {
      served.add("{\"live\":true}");
    }
  }

  /**
   * 1,000 events a second for 12 s into an open dashboard: the table keeps the newest 10,000 and
   * shows the last one. The page's long tasks and heap are printed (the bench in bench/ is where
   * they are judged; a shared test machine is too noisy to assert them).
   */
  @Test
  void aThousandEventsASecondKeepTheNewestTenThousand() throws Exception {
    try (Served served = Served.open(dir.resolve("data"), FeedLimits.defaults());
        PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
      page.open(served.server().dashboardUrl().toString());
      awaitLive(page);
      page.evaluate("window.longTasks = []; new PerformanceObserver(l => window.longTasks.push(...l.getEntries()"
          + ".map(e => e.duration))).observe({type: 'longtask'}); true");
      // The same page with nothing arriving, for 5 s: what the machine's own load makes of long tasks.
      Thread.sleep(5_000);
      JsonNode idleTasks = page.evaluate("window.longTasks.splice(0)");
      double heapBefore = page.evaluate("performance.memory.usedJSHeapSize").asDouble();

      int total = 12_000;
      page.startProfiling();
      long started = System.nanoTime();
      for (int tick = 1; tick <= total / 100; tick++) {
        for (int i = 0; i < 100; i++) {
          served.add("{\"tick\":" + tick + "}");
        }
        long due = started + tick * 100_000_000L;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      assertThat(page.waitFor(COUNT, v -> v.asText().equals("10,000 events"), WAIT).asText()).isEqualTo("10,000 events");
      assertThat(page.waitFor("!!document.querySelector('[data-seq=\"" + total + "\"]')", JsonNode::asBoolean, WAIT)
          .asBoolean()).as("the newest event is in view").isTrue();
      JsonNode longTasks = page.evaluate("window.longTasks");
      page.stopProfiling(15).forEach(line -> System.out.println("profile: " + line));
      double heapAfter = page.evaluate("performance.memory.usedJSHeapSize").asDouble();
      System.out.printf("dashboard idle for 5 s: %d long tasks, longest %.0f ms%n", idleTasks.size(), longest(idleTasks));
      System.out.printf("dashboard at %.0f events/s for %.1f s: %d long tasks, longest %.0f ms; JS heap %.1f -> %.1f MB%n",
          total / seconds, seconds, longTasks.size(), longest(longTasks), heapBefore / 1e6, heapAfter / 1e6);
    }
  }

  /**
   * A feed that can hold one event for the page drops what the page cannot take in a burst: the
   * page says how many it skipped, and what it shows plus what it skipped is every event.
   */
  @Test
  void whenTheFeedDropsEventsForThePageItSaysHowMany() throws Exception {
    try (Served served = Served.open(dir.resolve("data"), FeedLimits.defaults().withMaxQueuedEvents(1));
        PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
      page.open(served.server().dashboardUrl().toString());
      awaitLive(page);
      int total = 3_000;
      for (int i = 0; i < total; i++) {
        served.add("{\"burst\":" + i + "}");
      }
      // The banner and the count settle once the feed has sent (or counted) the last event.
      String settled = page.waitFor("(" + COUNT + ") + '|' + (document.querySelector('[data-testid=missed]')?.textContent ?? '')",
          v -> shownPlusSkipped(v.asText()) == total, WAIT).asText();
      assertThat(settled).as("rows shown and events skipped add up to every event").contains("skipped");
      assertThat(shownPlusSkipped(settled)).isEqualTo(total);
    }
  }

  /** Waits until the page's header says its feed is live. */
  private static void awaitLive(PageDriver page) throws Exception {
    assertThat(page.waitFor("document.querySelector('[data-testid=connection]')?.textContent ?? ''",
        v -> v.asText().equals("live"), WAIT).asText()).isEqualTo("live");
  }

  /** From "2,345 events|... skipped 655 events ...": 2,345 + 655; -1 when there is no banner. */
  private static int shownPlusSkipped(String countAndBanner) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([0-9,]+) events\\|.*skipped ([0-9,]+) events")
        .matcher(countAndBanner);
    return m.find() ? Integer.parseInt(m.group(1).replace(",", "")) + Integer.parseInt(m.group(2).replace(",", "")) : -1;
  }

  private static double longest(JsonNode durations) {
    double longest = 0;
    for (JsonNode d : durations) {
      longest = Math.max(longest, d.asDouble());
    }
    return longest;
  }

  /** A POST with a JSON body answered 201 with JSON, the one event the test opens. */
  private static CaptureEvent checkout(long seq) {
    Instant start = SampleEvents.T0.plusMillis(seq);
    String response = "{\"order\":7,\"items\":[\"tea\",\"cup\"]}";
    return new HttpEvent("e" + seq, seq, start, start.plusMillis(250), null, "https://shop.example.test/api/checkout?cart=7",
        "POST",
        new HttpEvent.HttpRequest(List.of(new EventHeader("Content-Type", "application/json"),
            new EventHeader("X-Cart", "7"), new EventHeader("Content-Length", "23")),
            Body.text("{\"items\":[\"tea\",\"cup\"]}", 23, false)),
        new HttpEvent.HttpResponse(201, "Created", List.of(new EventHeader("Content-Type", "application/json")),
            "application/json", Body.text(response, response.length(), false), "http/1.1", null, null, false),
        null, List.of(), null, "fetch", null, SampleEvents.TAB);
  }

  /** Clicks Download HAR and reads the file the browser saves into {@code downloads}. */
  private static Path downloadHar(PageDriver page, Path downloads) throws Exception {
    page.allowDownloads(Files.createDirectories(downloads));
    page.click("[data-testid=download-har]");
    return PageDriver.awaitDownload(downloads, ".har", WAIT);
  }

  private static List<JsonNode> entries(Path har) throws Exception {
    List<JsonNode> entries = new ArrayList<>();
    new ObjectMapper().readTree(har.toFile()).at("/log/entries").forEach(entries::add);
    return entries;
  }

  /**
   * A store, the capture's path into it (a writer that stores each event and offers it to the live
   * feed's ring), and the local server over them with the dashboard's pages.
   */
  private record Served(EventStamps stamps, EventStore store, StoreWriter writer, FeedPart feed, LocalServer server)
      implements AutoCloseable {
    static Served open(Path data, FeedLimits limits) throws Exception {
      EventStamps stamps = new EventStamps(1);
      EventStore store = EventStore.open(data);
      RingBuffer ring = new RingBuffer();
      StoreWriter writer = new StoreWriter(store, ring, stamps, StoreWriter.Settings.defaults());
      FeedPart feed = FeedPart.overRing(store, ring, limits);
      UiPart ui = UiPart.fromClassPath()
          .orElseThrow(() -> new AssertionError("the web module's build is not on the class path"));
      return new Served(stamps, store, writer, feed,
          LocalServer.start(0, List.of(new EventsPart(store), feed, new HarPart(store, data), ui)));
    }

    void accept(CaptureEvent event) {
      writer.accept(event);
    }

    /** A sample event (a GET for a seq divisible by 3, else a frame) with the next seq and this JSON body. */
    void add(String body) {
      writer.accept(SampleEvents.event(stamps.nextSeq(), 3, body));
    }

    @Override
    public void close() {
      server.close();
      feed.close();
      writer.close();
      store.close();
    }
  }
}
