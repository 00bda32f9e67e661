package io.datasipper.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.EventSink;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.capture.Capture;
import io.datasipper.capture.CaptureRules;
import io.datasipper.capture.Chromium;
import io.datasipper.capture.testsite.TestSite;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stats and metrics of a real capture: the capture module's test site (pages, fetches, a
 * WebSocket of thousands of frames, server-sent events) in headless Chromium, stored, and delivered
 * by a pipeline to file outputs while it runs.
 */
class CapturedSiteMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void theFiguresOfARealCaptureMatchWhatWasStoredAndWhatTheOutputsWrote() throws Exception {
    Path data = dir.resolve("data");
    Path framesFile = dir.resolve("out/frames.jsonl");
    Path httpFile = dir.resolve("out/http.jsonl");
    PipelineSpec spec = new PipelineSpec(
        List.of(MetricsPartTest.stream("frames", "ws_frame", "frames"),
            MetricsPartTest.stream("calls", "http", "http")),
        List.of(MetricsPartTest.file("frames", framesFile), MetricsPartTest.file("http", httpFile)));
    PipelineStats stats = new PipelineStats();
    CapturedCounter captured = new CapturedCounter();
    RingBuffer ring = new RingBuffer();
    StoreWriter.Settings settings = StoreWriter.Settings.defaults();
    CountDownLatch lastRequest = new CountDownLatch(1);
    try (TestSite site = new TestSite();
        EventStore store = EventStore.open(data);
        Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null, stats);
        MetricsPart part = new MetricsPart(MetricsSources.of(data, store).withPipeline(pipeline.stats()));
        LocalServer server = LocalServer.start(0, List.of(part))) {
      StoreWriter writer = new StoreWriter(store, ring, new EventStamps(store.maxSeq() + 1), settings);
      AtomicReference<Capture> running = new AtomicReference<>();
      MetricsPart capturing = new MetricsPart(MetricsSources.of(data, store)
          .withCapture(captured, writer::stats, settings.maxQueuedBytes(), ring).withPipeline(stats)
          .withCaptureState(new CaptureState(() -> running.get() != null && !running.get().ended().isDone(),
              () -> running.get() == null ? 0 : running.get().tabCount())));
      try (capturing; LocalServer capturingServer = LocalServer.start(0, List.of(capturing))) {
        EventSink sink = captured.counting(event -> {
          writer.accept(event);
          if (event instanceof HttpEvent h && h.url().endsWith("/api/done")) {
            lastRequest.countDown();
          }
        });
        try (Capture capture = Capture.launch(Chromium.headless(dir.resolve("profile")), CaptureRules.defaults(),
            new EventStamps(store.maxSeq() + 1), sink)) {
          running.set(capture);
          capture.open(site.url("/"));
          assertThat(site.awaitDone(90)).as("the page ran its whole scenario").isTrue();
          assertThat(lastRequest.await(20, TimeUnit.SECONDS)).as("the last request was captured").isTrue();
          String body = new ApiClient(capturingServer).get("/api/stats").body();
          StatsSchema.check(body);
          assertThat(JSON.readTree(body).path("capture"))
              .as("the capture reads the browser's one tab, the test site's")
              .isEqualTo(JSON.readTree("{\"attached\": true, \"tabs\": 1}"));
        }
        writer.close(); // everything captured is stored
        Map<String, Long> stored = store.countByType();
        long frames = stored.get("ws_frame");
        long calls = stored.get("http");
        assertThat(frames).isGreaterThan(2 * TestSite.WS_TEXT_FRAMES_EACH_WAY);

        ApiClient api = new ApiClient(capturingServer);
        JsonNode report = null;
        for (int i = 0; i < 600; i++) { // 60 s at most
          String body = api.get("/api/stats").body();
          StatsSchema.check(body);
          report = JSON.readTree(body);
          if (report.path("outputs").path("frames").path("delivered").asLong() == frames
              && report.path("outputs").path("http").path("delivered").asLong() == calls) {
            break;
          }
          Thread.sleep(100);
        }
        assertThat(report.path("captured_by_type")).isEqualTo(JSON.readTree(JSON.writeValueAsString(stored)));
        long total = stored.values().stream().mapToLong(Long::longValue).sum();
        assertThat(report.path("totals").path("captured").asLong()).isEqualTo(total);
        assertThat(report.path("totals").path("stored").asLong()).isEqualTo(total);
        assertThat(sum(report.path("per_minute").path("by_type").path("ws_frame"))).isEqualTo(frames);
        assertThat(sum(report.path("per_minute").path("by_stream").path("frames"))).isEqualTo(frames);
        JsonNode out = report.path("outputs").path("frames");
        assertThat(out.path("delivered").asLong()).isEqualTo(frames).isEqualTo(Files.readAllLines(framesFile).size());
        assertThat(report.path("outputs").path("http").path("delivered").asLong())
            .isEqualTo(calls).isEqualTo(Files.readAllLines(httpFile).size());
        assertThat(out.path("latency_seconds").path("count").asLong()).isEqualTo(frames);
        assertThat(out.path("latency_seconds").path("p99").asDouble()).isPositive().isLessThan(60);

        PrometheusText metrics = new PrometheusText(api.get("/metrics").body());
        assertThat(metrics.value("datasipper_events_captured_total", "type", "ws_frame")).isEqualTo(frames);
        assertThat(metrics.value("datasipper_events_captured_total", "type", "http")).isEqualTo(calls);
        assertThat(metrics.value("datasipper_events_stored_total")).isEqualTo(total);
        assertThat(metrics.value("datasipper_output_delivered_total", "output", "frames")).isEqualTo(frames);
        assertThat(metrics.value("datasipper_output_delivery_latency_seconds_count", "output", "frames"))
            .isEqualTo(frames);
        assertThat(metrics.value("datasipper_ring_buffer_events")).isEqualTo(Math.min(total, ring.maxEvents()));
      }
      // The server of a command that only delivers shows the same pipeline, without the capture's figures.
      PrometheusText delivering = new PrometheusText(new ApiClient(server).get("/metrics").body());
      assertThat(delivering.has("datasipper_events_captured_total")).isFalse();
      assertThat(delivering.value("datasipper_output_delivered_total", "output", "http"))
          .isEqualTo(store.countByType().get("http").doubleValue());
    }
  }

  private static long sum(JsonNode counts) {
    long n = 0;
    for (JsonNode c : counts) {
      n += c.asLong();
    }
    return n;
  }
}
