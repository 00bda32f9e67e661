package io.datasipper.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.EventSink;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.capture.Capture;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.Chromium;
import io.datasipper.capture.testsite.TestSite;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.pipeline.StreamSpec;
import io.datasipper.route.RuleParser;
import io.datasipper.server.LocalServer;
import io.datasipper.server.events.EventsPart;
import io.datasipper.server.feed.FeedPart;
import io.datasipper.server.metrics.CaptureState;
import io.datasipper.server.metrics.CapturedCounter;
import io.datasipper.server.metrics.MetricsPart;
import io.datasipper.server.metrics.MetricsSources;
import io.datasipper.server.ui.UiPart;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overview as a user meets it after a real capture: the capture module's test site (pages,
 * fetches, thousands of WebSocket frames, server-sent events) in one headless Chromium, stored and
 * delivered by a pipeline, and the dashboard in another. Its totals and charts say what was captured.
 */
class OverviewBrowserTest {
  /** The overview reads the figures every 5 s and the streams' minutes are sampled every 5 s. */
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String LEGEND = "[...document.querySelectorAll('[data-testid=%s] .chart-totals li')]"
      + ".map(li => li.textContent).join('|')";

  @TempDir Path dir;

  @Test
  void theOverviewShowsWhatTheCaptureTookInItsTotalsAndCharts() throws Exception {
    Path data = dir.resolve("data");
    PipelineSpec spec = new PipelineSpec(
        List.of(stream("frames", "ws_frame", "frames-file"), stream("calls", "http", "calls-file")),
        List.of(file("frames-file", dir.resolve("out/frames.jsonl")), file("calls-file", dir.resolve("out/calls.jsonl"))));
    PipelineStats stats = new PipelineStats();
    CapturedCounter captured = new CapturedCounter();
    RingBuffer ring = new RingBuffer();
    StoreWriter.Settings settings = StoreWriter.Settings.defaults();
    CountDownLatch lastRequest = new CountDownLatch(1);
    try (TestSite site = new TestSite();
        EventStore store = EventStore.open(data);
        StoreWriter writer = new StoreWriter(store, ring, new EventStamps(1), settings);
        Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null, stats)) {
      EventSink sink = captured.counting(event -> {
        writer.accept(event);
        if (event instanceof HttpEvent h && h.url().endsWith("/api/done")) {
          lastRequest.countDown();
        }
      });
      try (Capture capture = Capture.launch(Chromium.headless(dir.resolve("captured-profile")), CaptureRules.defaults(),
              new EventStamps(1), sink);
          MetricsPart metrics = new MetricsPart(MetricsSources.of(data, store)
              .withCapture(captured, writer::stats, settings.maxQueuedBytes(), ring).withPipeline(pipeline.stats())
              .withCaptureState(new CaptureState(() -> !capture.ended().isDone(), capture::tabCount)));
          FeedPart feed = FeedPart.of(store, ring);
          LocalServer server = LocalServer.start(0, List.of(metrics, new EventsPart(store), feed,
              UiPart.fromClassPath().orElseThrow(() -> new AssertionError("the web module's build is not on the class path"))))) {
        capture.open(site.url("/"));
        assertThat(site.awaitDone(90)).as("the page ran its whole scenario").isTrue();
        assertThat(lastRequest.await(20, TimeUnit.SECONDS)).as("the last request was captured").isTrue();
        // The page may still be finishing (a late frame or message): count once the capture is quiet.
        long total = awaitQuiet(captured, writer);
        assertThat(writer.stats().written()).as("everything captured is stored").isEqualTo(total);
        Map<String, Long> byType = store.countByType();
        long frames = byType.get("ws_frame");
        long calls = byType.get("http");
        assertThat(frames).isGreaterThan(2 * TestSite.WS_TEXT_FRAMES_EACH_WAY);

        try (PageDriver page = PageDriver.launch(dir.resolve("dashboard-profile"))) {
          page.open(server.dashboardUrl().toString());
          page.waitFor("document.querySelector('[data-testid=nav-overview]') !== null", JsonNode::asBoolean, WAIT);
          // uPlot and its stylesheet load when the first chart is drawn: a refusal by the page's
          // Content-Security-Policy would be reported from here on.
          page.evaluate("window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
              + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI)); true");
          page.click("[data-testid=nav-overview]");
          assertThat(page.evaluate("location.hash").asText()).isEqualTo("#/overview");

          String totalText = String.format("%,d", total);
          assertThat(page.waitFor(figure("captured"), v -> v.asText().equals(totalText), WAIT).asText())
              .as("every captured event counted").isEqualTo(totalText);
          assertThat(page.evaluate(figure("stored")).asText()).isEqualTo(totalText);
          assertThat(page.evaluate(figure("dropped")).asText()).isEqualTo("0");
          assertThat(page.evaluate(figure("capture")).asText()).as("the capture reads the test site's one tab")
              .isEqualTo("attached, 1 tab");
          assertThat(page.evaluate(figure("db-size")).asText()).matches("[0-9.]+ (KiB|MiB)");
          assertThat(page.evaluate(figure("heap")).asText()).matches("[0-9.]+ (MiB|GiB) of [0-9.]+ (MiB|GiB)");

          String types = page.waitFor(String.format(LEGEND, "chart-by-type"),
              v -> v.asText().contains(String.format("ws_frame: %,d", frames)), WAIT).asText();
          assertThat(types).as("the chart by type totals what the store holds by type")
              .startsWith(String.format("ws_frame: %,d", frames)).contains(String.format("http: %,d", calls));
          String delivered = String.format("%,d", frames + calls);
          String streams = page.waitFor(String.format(LEGEND, "chart-by-stream"),
              v -> v.asText().contains(String.format("frames: %,d", frames))
                  && v.asText().contains(String.format("calls: %,d", calls)), WAIT).asText();
          assertThat(streams).as("the chart by stream totals what each stream took")
              .contains(String.format("frames: %,d", frames), String.format("calls: %,d", calls));
          assertThat(page.waitFor(figure("delivered"), v -> v.asText().equals(delivered), WAIT).asText())
              .as("both outputs wrote every event of their stream").isEqualTo(delivered);

          // uPlot comes in its own file, on the first chart: the totals above can show before it.
          assertThat(page.waitFor("document.querySelectorAll('.uplot canvas').length + ' ' + [...document"
              + ".querySelectorAll('.banner')].map(b => b.textContent).join(' ')", v -> v.asText().equals("2 "), WAIT)
              .asText()).as("both charts are drawn, and no error is shown").isEqualTo("2 ");
          assertThat(page.evaluate("getComputedStyle(document.querySelector('.u-wrap')).position").asText())
              .as("uPlot's stylesheet, bundled as a file of its own, applies").isEqualTo("relative");
          assertThat(page.evaluate("window.cspViolations").size()).as("nothing was refused by the CSP").isZero();

          // For a look at it (and the docs): target/screenshots/overview.png.
          page.screenshot(Path.of("target", "screenshots", "overview.png"));
        }
      }
    }
  }

  /** The events captured once nothing more arrived for a second and all of them are written. */
  private static long awaitQuiet(CapturedCounter captured, StoreWriter writer) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long seen = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long now = captured.totals().values().stream().mapToLong(Long::longValue).sum();
      if (now != seen || writer.stats().written() < now) {
        seen = now;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(1)) {
        return now;
      }
      Thread.sleep(50);
    }
    return seen;
  }


  private static String figure(String name) {
    return "document.querySelector('[data-testid=figure-" + name + "]')?.textContent ?? ''";
  }

  private static StreamSpec stream(String name, String type, String output) {
    Map<String, Object> rule = Map.of("name", name,
        "conditions", List.of(Map.of("field", "type", "operator", "equals", "value", type)));
    return new StreamSpec(RuleParser.parse(rule, "streams[0]"), null, List.of(output));
  }

  private static OutputSpec file(String name, Path path) {
    return new OutputSpec(name, "file", true, Map.of("path", path.toString()));
  }
}
