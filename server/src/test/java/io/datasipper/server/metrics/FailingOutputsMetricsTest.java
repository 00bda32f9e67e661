package io.datasipper.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.datasipper.api.event.EventStamps;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that do not deliver everything, as the stats and metrics show them: a real webhook output
 * posting to a receiver on 127.0.0.1 that refuses some records, and one whose receiver is down.
 */
class FailingOutputsMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void refusedRecordsAreDeadLetteredAndAnOutputWhoseReceiverIsDownIsFailingWithItsEventsPending() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      // Refuses the HTTP calls, takes the frames: a receiver that validates what it is sent.
      int status = body.contains("\"type\":\"http\"") ? 422 : 200;
      if (status == 200) {
        accepted.incrementAndGet();
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort(); // nothing listens there once it is closed
    }
    Path data = dir.resolve("data");
    PipelineSpec spec = new PipelineSpec(
        List.of(MetricsPartTest.stream("frames", "ws_frame", "picky", "down"),
            MetricsPartTest.stream("calls", "http", "picky", "down")),
        List.of(webhook("picky", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
            webhook("down", "http://127.0.0.1:" + closedPort + "/hook")));
    PipelineStats stats = new PipelineStats();
    CapturedCounter captured = new CapturedCounter();
    RingBuffer ring = new RingBuffer();
    try (EventStore store = EventStore.open(data);
        StoreWriter writer = new StoreWriter(store, ring, new EventStamps(1), StoreWriter.Settings.defaults());
        Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null, stats);
        MetricsPart part = new MetricsPart(MetricsSources.of(data, store)
            .withCapture(captured, writer::stats, 0, ring).withPipeline(pipeline.stats()));
        LocalServer server = LocalServer.start(0, List.of(part))) {
      ApiClient api = new ApiClient(server);
      Traffic.emit(new EventStamps(1), captured.counting(writer), 30); // 10 calls, 20 frames
      JsonNode report = null;
      for (int i = 0; i < 300; i++) { // 30 s at most
        String body = api.get("/api/stats").body();
        StatsSchema.check(body);
        report = JSON.readTree(body);
        JsonNode outputs = report.path("outputs");
        JsonNode picky = outputs.path("picky");
        // Pending counts from what is stored so far, which can be fewer than the 30 sent: wait for all 30 taken.
        if (picky.path("pending_events").asLong(-1) == 0
            && picky.path("delivered").asLong() + picky.path("dead_lettered").asLong() == 30
            && outputs.path("down").path("health").asText().equals("failing")) {
          break;
        }
        Thread.sleep(100);
      }
      JsonNode picky = report.path("outputs").path("picky");
      JsonNode down = report.path("outputs").path("down");
      assertThat(picky.path("pending_events").asLong()).as("%s", report).isZero();
      assertThat(picky.path("delivered").asLong()).isEqualTo(accepted.get()).isEqualTo(20);
      assertThat(picky.path("dead_lettered").asLong()).isEqualTo(10);
      assertThat(picky.path("latency_seconds").path("count").asLong()).as("only what was acknowledged").isEqualTo(20);
      assertThat(report.path("totals").path("dead_lettered").asLong()).isEqualTo(10);
      assertThat(down.path("health").asText()).isEqualTo("failing");
      assertThat(down.path("delivered").asLong()).isZero();
      assertThat(down.path("pending_events").asLong()).isEqualTo(30);
      assertThat(down.path("last_error").asText()).isNotBlank();
      assertThat(down.path("latency_seconds").path("p50").isNull()).isTrue();

      PrometheusText metrics = new PrometheusText(api.get("/metrics").body());
      assertThat(metrics.value("datasipper_output_dead_lettered_total", "output", "picky")).isEqualTo(10);
      assertThat(metrics.value("datasipper_output_delivered_total", "output", "picky")).isEqualTo(20);
      assertThat(metrics.value("datasipper_output_pending_events", "output", "down")).isEqualTo(30);
      assertThat(metrics.value("datasipper_output_health", "output", "down", "health", "failing")).isEqualTo(1);
      assertThat(metrics.value("datasipper_output_health", "output", "down", "health", "ok")).isZero();
      assertThat(metrics.value("datasipper_output_retries_total", "output", "down")).isPositive();
      assertThat(metrics.value("datasipper_output_delivery_latency_seconds_count", "output", "down")).isZero();
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void anOutputLeftBehindIsShownCatchingUpUntilItReadsWithItsStreamAgain() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    AtomicInteger received = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      if (!down.get()) {
        received.incrementAndGet();
      }
      exchange.sendResponseHeaders(down.get() ? 503 : 200, -1);
      exchange.close();
    });
    receiver.start();
    Path data = dir.resolve("data");
    Path file = dir.resolve("frames.jsonl");
    PipelineSpec spec = new PipelineSpec(List.of(MetricsPartTest.stream("frames", "ws_frame", "file", "late")),
        List.of(MetricsPartTest.file("file", file),
            webhook("late", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")));
    EventStamps stamps = new EventStamps(1);
    int frames = 0;
    try (EventStore store = EventStore.open(data);
        StoreWriter writer = new StoreWriter(store, new RingBuffer(), stamps, StoreWriter.Settings.defaults());
        Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null, new PipelineStats());
        MetricsPart part = new MetricsPart(MetricsSources.of(data, store).withPipeline(pipeline.stats()));
        LocalServer server = LocalServer.start(0, List.of(part))) {
      ApiClient api = new ApiClient(server);
      // One event every 20 ms: the file takes each at once, the webhook answering 503 soon holds the stream up.
      JsonNode outputs = JSON.createObjectNode();
      for (int i = 0; i < 1_500 && !outputs.path("late").path("catching_up").asBoolean(); i++) { // 30 s at most
        Traffic.emit(stamps, writer, 1); // a frame: Traffic's first event of each three
        frames++;
        Thread.sleep(20);
        String body = api.get("/api/stats").body();
        StatsSchema.check(body);
        outputs = JSON.readTree(body).path("outputs");
      }
      assertThat(outputs.path("late").path("catching_up").asBoolean()).as("%s", outputs).isTrue();
      assertThat(outputs.path("late").path("health").asText()).isEqualTo("failing");
      assertThat(outputs.path("file").path("catching_up").asBoolean()).isFalse();
      PrometheusText metrics = new PrometheusText(api.get("/metrics").body());
      assertThat(metrics.value("datasipper_output_catching_up", "output", "late")).isEqualTo(1);
      assertThat(metrics.value("datasipper_output_catching_up", "output", "file")).isZero();

      down.set(false);
      for (int i = 0; i < 3_000 && outputs.path("late").path("catching_up").asBoolean(); i++) { // 60 s at most
        Traffic.emit(stamps, writer, 1); // a frame: Traffic's first event of each three
        frames++;
        Thread.sleep(20);
        outputs = JSON.readTree(api.get("/api/stats").body()).path("outputs");
      }
      assertThat(outputs.path("late").path("catching_up").asBoolean()).as("caught up: %s", outputs).isFalse();
      assertThat(new PrometheusText(api.get("/metrics").body()).value("datasipper_output_catching_up", "output", "late"))
          .isZero();
      assertThat(pipeline.drain(Duration.ofSeconds(60))).isTrue();
    } finally {
      receiver.stop(0);
    }
    assertThat(received).as("the webhook got every frame once it was back").hasValue(frames);
    assertThat(Files.readAllLines(file)).hasSize(frames);
  }

  private static OutputSpec webhook(String name, String url) {
    return new OutputSpec(name, "webhook", true, Map.of("url", url, "mode", "single", "timeout_ms", 2_000));
  }
}
