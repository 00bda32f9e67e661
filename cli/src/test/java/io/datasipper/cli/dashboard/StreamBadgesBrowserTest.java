package io.datasipper.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.config.ConfigSource;
import io.datasipper.config.LivePipeline;
import io.datasipper.server.ApiParts;
import io.datasipper.server.LocalServer;
import io.datasipper.server.ServerSources;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoreException;
import io.datasipper.store.UncheckedStoreException;
import io.datasipper.testkit.JsonLines;
import io.datasipper.testkit.SampleEvents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live table's stream badges and its stream and tab filters, in a real headless Chromium over
 * a data directory served as {@code serve --deliver} serves it, with a running pipeline of two
 * streams: each stored and each live row shows the streams that take it, as the pipeline routes,
 * and the filters narrow the table to a stream's rows or a tab's.
 */
class StreamBadgesBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(45);
  private static final String COUNT = "document.querySelector('[data-testid=count]')?.textContent ?? ''";
  /** A tab besides SampleEvents.TAB's, with an id as long as DevTools gives. */
  private static final Source OTHER_TAB = new Source("B7C94E0A5F1D4C3B9A8E7F6D5C4B3A29", "frame-9", "page",
      "http://127.0.0.1/cart");

  @TempDir Path dir;

  @Test
  void eachRowShowsTheStreamsThatTakeItAndTheFiltersNarrowTheTable() throws Exception {
    Path dataDir = Files.createDirectories(dir.resolve("data"));
    Path out = dir.resolve("out.jsonl");
    Files.writeString(dataDir.resolve(ConfigSource.DEFAULT_NAME), """
        streams:
          - name: orders
            conditions: [{field: path, operator: starts_with, value: /api/orders/}]
            outputs: [out]
          - name: frames
            conditions: [{field: type, operator: equals, value: ws_frame}]
            outputs: [out]
        outputs:
          out: {type: file, path: %s, start_from: earliest}
        """.formatted(out));
    PrintWriter lines = new PrintWriter(new StringWriter(), true);

    try (EventStore store = EventStore.open(dataDir)) {
      // Every third event a GET /api/orders/<seq> (orders), the others WebSocket frames (frames);
      // then a call of another tab that no stream takes.
      SampleEvents.fill(store, 1, 30, seq -> SampleEvents.event(seq, 2, "{\"n\":" + seq + "}"));
      store.insert(List.of(cart(31)));
      ConfigSource source = ConfigSource.read(null, dataDir, UnaryOperator.identity());
      LivePipeline pipeline = LivePipeline.start(source.config().pipeline(), store, () -> pipelineLock(dataDir), lines,
          (to, spec, stats) -> {});
      ConfigSource.Following following = source.follow(pipeline, false, lines, lines);
      try (LocalServer server = LocalServer.start(0,
              ApiParts.of(new ServerSources(dataDir, store, source, following, pipeline, null)));
          PageDriver page = PageDriver.launch(dir.resolve("profile"))) {
        JsonLines.awaitSeqs(out, 30, WAIT);
        page.open(server.dashboardUrl().toString());
        page.waitFor(COUNT, v -> v.asText().equals("31 events"), WAIT);

        assertThat(badges(page, 30)).as("a stored call").isEqualTo("orders");
        assertThat(badges(page, 29)).as("a stored frame").isEqualTo("frames");
        assertThat(badges(page, 31)).as("a stored call no stream takes").isEmpty();
        assertThat(options(page, "stream-filter")).isEqualTo("all|no stream|frames|orders");

        page.setValue("[data-testid=stream-filter]", "orders");
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("10 of 31 events"), WAIT).asText())
            .as("the ten stored calls").isEqualTo("10 of 31 events");

        // Live: a frame, a call, and another call of the other tab.
        store.insert(List.of(SampleEvents.event(32, 2, "{\"n\":32}"), SampleEvents.event(33, 2, "{}"), cart(34)));
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("11 of 34 events"), WAIT).asText())
            .as("the live call joins the stream's rows, the live frame does not").isEqualTo("11 of 34 events");
        assertThat(badges(page, 33)).as("a live call").isEqualTo("orders");
        assertThat(page.evaluate("!!document.querySelector('[data-seq=\"32\"]')").asBoolean()).isFalse();
        Screenshots.save(page, "dashboard-live-events-by-stream.png");

        page.setValue("[data-testid=stream-filter]", "frames");
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("21 of 34 events"), WAIT).asText())
            .isEqualTo("21 of 34 events");
        assertThat(badges(page, 32)).as("a live frame").isEqualTo("frames");

        page.setValue("[data-testid=stream-filter]", "(none)");
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("2 of 34 events"), WAIT).asText())
            .as("what no stream takes: the other tab's stored and live calls").isEqualTo("2 of 34 events");
        assertThat(page.evaluate("[...document.querySelectorAll('[data-seq]')].map(r => r.dataset.seq).join(',')").asText())
            .isEqualTo("31,34");

        page.setValue("[data-testid=stream-filter]", "");
        assertThat(options(page, "tab-filter")).as("the tabs seen, shown short").isEqualTo("all|tab-1|B7C94E…");
        page.setValue("[data-testid=tab-filter]", OTHER_TAB.tabId());
        assertThat(page.waitFor(COUNT, v -> v.asText().equals("2 of 34 events"), WAIT).asText())
            .as("the other tab's stored and live calls").isEqualTo("2 of 34 events");
        assertThat(badges(page, 34)).isEmpty();
      } finally {
        following.stop();
        pipeline.close();
      }
    }
  }

  /** The stream badges of a row, joined by commas. */
  private static String badges(PageDriver page, long seq) throws Exception {
    return page.evaluate("[...document.querySelectorAll('[data-seq=\"" + seq + "\"] .stream-badge')]"
        + ".map(b => b.textContent).join(',')").asText();
  }

  /** The texts of a select's options, joined by bars. */
  private static String options(PageDriver page, String testId) throws Exception {
    return page.evaluate("[...document.querySelectorAll('[data-testid=" + testId + "] option')]"
        + ".map(o => o.textContent).join('|')").asText();
  }

  /** {@code GET http://127.0.0.1/cart} of the other tab: no stream's rule takes it. */
  private static CaptureEvent cart(long seq) {
    Instant at = SampleEvents.T0.plusMillis(seq);
    return new HttpEvent("e" + seq, seq, at, at, null, "http://127.0.0.1/cart", "GET", new HttpEvent.HttpRequest(List.of(), null),
        new HttpEvent.HttpResponse(200, "OK", List.of(), "text/html", Body.text("<p>cart</p>", 11, false), "http/1.1",
            null, null, false),
        null, List.of(), null, "fetch", null, OTHER_TAB);
  }

  private static DataDirLock pipelineLock(Path dataDir) {
    try {
      return DataDirLock.acquire(dataDir, DataDirLock.Kind.PIPELINE, "serve");
    } catch (StoreException e) {
      throw new UncheckedStoreException(e);
    }
  }
}
