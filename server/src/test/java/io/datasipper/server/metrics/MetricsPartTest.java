package io.datasipper.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.EventStamps;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.pipeline.StreamSpec;
import io.datasipper.route.RuleParser;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics and stats of a run: events handed on as the capture hands them, stored by the real
 * store writer, delivered by a real pipeline to real file outputs, and read over HTTP.
 */
class MetricsPartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void metricsAndStatsCountWhatWasCapturedStoredAndDelivered() throws Exception {
    Path data = dir.resolve("data");
    Path all = dir.resolve("out/all.jsonl");
    Path frames = dir.resolve("out/frames.jsonl");
    PipelineSpec spec = new PipelineSpec(
        List.of(stream("frames", "ws_frame", "frames-file", "all"), stream("calls", "http", "all")),
        List.of(file("frames-file", frames), file("all", all)));
    PipelineStats stats = new PipelineStats();
    CapturedCounter captured = new CapturedCounter();
    RingBuffer ring = new RingBuffer();
    StoreWriter.Settings settings = StoreWriter.Settings.defaults();
    try (EventStore store = EventStore.open(data);
        StoreWriter writer = new StoreWriter(store, ring, new EventStamps(1), settings);
        Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null, stats);
        MetricsPart part = new MetricsPart(MetricsSources.of(data, store)
            .withCapture(captured, writer::stats, settings.maxQueuedBytes(), ring).withPipeline(stats));
        LocalServer server = LocalServer.start(0, List.of(part))) {
      assertThat(pipeline.stats()).isSameAs(stats);
      ApiClient api = new ApiClient(server);
      int calls = Traffic.emit(new EventStamps(1), captured.counting(writer), 300);
      assertThat(calls).isEqualTo(100);
      Predicate<JsonNode> delivered = r -> r.path("outputs").path("all").path("delivered").asLong() == 300
          && r.path("outputs").path("frames-file").path("delivered").asLong() == 200;
      awaitStats(api, delivered);
      // Reading the counts writes the keys the capture's writer had left for later: the files have
      // their final size before the report that is compared with them.
      Map<String, Long> byType = store.countByType();
      JsonNode report = awaitStats(api, delivered);

      // What /api/stats says matches what was stored and what the outputs wrote.
      assertThat(Files.readAllLines(all)).hasSize(300);
      assertThat(Files.readAllLines(frames)).hasSize(200);
      assertThat(report.path("pipeline_figures").asText()).isEqualTo("live");
      assertThat(report.path("pipeline_figures_saved_at").isNull()).as("live figures are now").isTrue();
      assertThat(report.path("totals").path("captured").asLong()).isEqualTo(300);
      assertThat(report.path("totals").path("stored").asLong()).isEqualTo(300);
      assertThat(report.path("totals").path("dropped").asLong()).isZero();
      assertThat(report.path("totals").path("delivered").asLong()).isEqualTo(500);
      assertThat(report.path("captured_by_type"))
          .isEqualTo(JSON.readTree(JSON.writeValueAsString(byType)));
      assertThat(sum(report.path("per_minute").path("by_type").path("http"))).isEqualTo(100);
      assertThat(report.path("per_minute").path("by_type").path("http")).hasSize(60);
      assertThat(sum(report.path("per_minute").path("by_stream").path("frames"))).isEqualTo(200);
      assertThat(sum(report.path("per_minute").path("by_stream").path("calls"))).isEqualTo(100);
      assertThat(report.path("streams").path("frames").path("matched").asLong()).isEqualTo(200);
      assertThat(report.path("streams").path("frames").path("records").asLong()).as("one per frame").isEqualTo(200);
      JsonNode out = report.path("outputs").path("all");
      assertThat(out.path("health").asText()).isEqualTo("ok");
      assertThat(out.path("pending_events").asLong()).isZero();
      assertThat(out.path("dead_lettered").asLong()).isZero();
      JsonNode latency = out.path("latency_seconds");
      assertThat(latency.path("count").asLong()).isEqualTo(300);
      assertThat(latency.path("p50").asDouble()).isPositive().isLessThanOrEqualTo(latency.path("p99").asDouble());
      assertThat(latency.path("p99").asDouble()).isLessThanOrEqualTo(latency.path("max").asDouble()).isLessThan(30);
      assertThat(report.path("ring_buffer").path("events").asLong()).isEqualTo(300);
      assertThat(report.path("ring_buffer").path("max_events").asLong()).isEqualTo(RingBuffer.DEFAULT_MAX_EVENTS);
      assertThat(report.path("store_queue").path("bytes").asLong()).isZero();
      assertThat(report.path("store_queue").path("max_bytes").asLong()).isEqualTo(settings.maxQueuedBytes());
      // The pipeline saves its counters every second meanwhile: the size moves a little.
      assertThat(report.path("db_size_bytes").asLong()).isCloseTo(dbFilesSize(data), withinPercentage(10));
      assertThat(report.path("jvm_heap").path("used_bytes").asLong()).isPositive();

      // The same counts in the Prometheus text format.
      HttpResponse<String> scrape = api.get("/metrics");
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
      PrometheusText metrics = new PrometheusText(scrape.body());
      assertThat(metrics.value("datasipper_events_captured_total", "type", "http")).isEqualTo(100);
      assertThat(metrics.value("datasipper_events_captured_total", "type", "ws_frame")).isEqualTo(200);
      assertThat(metrics.value("datasipper_events_stored_total")).isEqualTo(300);
      assertThat(metrics.value("datasipper_events_dropped_total")).isZero();
      assertThat(metrics.value("datasipper_stream_events_total", "stream", "frames", "result", "matched"))
          .isEqualTo(200);
      assertThat(metrics.value("datasipper_stream_events_total", "stream", "calls", "result", "transformed"))
          .isEqualTo(100);
      assertThat(metrics.value("datasipper_stream_events_total", "stream", "calls", "result", "failed")).isZero();
      assertThat(metrics.value("datasipper_stream_records_total", "stream", "calls")).isEqualTo(100);
      assertThat(metrics.value("datasipper_output_delivered_total", "output", "all")).isEqualTo(300);
      assertThat(metrics.value("datasipper_output_delivered_total", "output", "frames-file")).isEqualTo(200);
      assertThat(metrics.value("datasipper_output_dead_lettered_total", "output", "all")).isZero();
      assertThat(metrics.value("datasipper_output_pending_events", "output", "all")).isZero();
      assertThat(metrics.value("datasipper_output_health", "output", "all", "health", "ok")).isEqualTo(1);
      assertThat(metrics.value("datasipper_output_health", "output", "all", "health", "failing")).isZero();
      assertThat(metrics.value("datasipper_ring_buffer_events")).isEqualTo(300);
      assertThat(metrics.value("datasipper_ring_buffer_bytes")).isPositive();
      assertThat(metrics.value("datasipper_store_queue_bytes")).isZero();
      assertThat(metrics.value("datasipper_db_size_bytes")).isPositive();
      assertThat(metrics.types).containsEntry("datasipper_events_captured_total", "counter")
          .containsEntry("datasipper_output_pending_events", "gauge")
          .containsEntry("datasipper_output_delivery_latency_seconds", "histogram");

      // The latency histogram: cumulative buckets up to +Inf, which counts every delivered record.
      String latencyName = "datasipper_output_delivery_latency_seconds";
      List<PrometheusText.Sample> buckets = metrics.find(latencyName + "_bucket", "output", "all");
      assertThat(buckets).extracting(b -> b.labels().get("le")).startsWith("0.001", "0.0025")
          .endsWith("3600.0", "+Inf");
      assertThat(buckets).extracting(PrometheusText.Sample::value).isSorted();
      assertThat(metrics.value(latencyName + "_bucket", "output", "all", "le", "+Inf")).isEqualTo(300);
      assertThat(metrics.value(latencyName + "_count", "output", "all")).isEqualTo(300);
      assertThat(metrics.value(latencyName + "_sum", "output", "all")).isPositive();

      // The JVM's and the process's own.
      for (String name : List.of("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
          "jvm_threads_live_threads",
          "jvm_classes_loaded_classes", "process_uptime_seconds", "process_cpu_usage", "system_cpu_count",
          "process_files_open_files")) {
        assertThat(metrics.has(name)).as(name).isTrue();
      }
    }
  }

  @Test
  void aDataDirectoryServedWithoutCaptureOrDeliveryReportsItsStoreAndNoCounters() throws Exception {
    Path data = dir.resolve("data");
    EventStore store = EventStore.open(data);
    try (MetricsPart part = new MetricsPart(MetricsSources.of(data, store));
        LocalServer server = LocalServer.start(0, List.of(part))) {
      ApiClient api = new ApiClient(server);
      String body = api.get("/api/stats").body();
      StatsSchema.check(body);
      JsonNode report = JSON.readTree(body);
      assertThat(report.path("totals").path("captured").isNull()).isTrue();
      assertThat(report.path("outputs").isNull()).isTrue();
      assertThat(report.path("pipeline_figures").isNull()).isTrue();
      assertThat(report.path("pipeline_figures_saved_at").isNull()).isTrue();
      assertThat(report.path("ring_buffer").isNull()).isTrue();
      assertThat(report.path("capture").isNull()).as("nothing captures: no browser to speak of").isTrue();
      assertThat(report.path("per_minute").path("by_type").isNull()).isTrue();
      assertThat(report.path("db_size_bytes").asLong()).isEqualTo(dbFilesSize(data)).isPositive(); // nothing writes
      PrometheusText metrics = new PrometheusText(api.get("/metrics").body());
      assertThat(metrics.has("datasipper_db_size_bytes")).isTrue();
      assertThat(metrics.has("jvm_memory_used_bytes")).isTrue();
      assertThat(metrics.has("datasipper_events_stored_total")).isFalse();
      assertThat(metrics.has("datasipper_output_delivery_latency_seconds_count")).isFalse();

      store.close(); // as when the command ends while a client still asks
      HttpResponse<String> closed = api.get("/api/stats");
      assertThat(closed.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(closed.body()).path("error").asText())
          .contains(data.resolve(EventStore.FILE_NAME).toString()).contains("closed");
      assertThat(api.get("/metrics").statusCode()).as("without a pipeline, the metrics do not read the store")
          .isEqualTo(200);
    } finally {
      store.close();
    }
  }

  @Test
  void withoutAPipelineOfItsOwnTheStatsShowWhatTheLastOneSavedWithPendingEventsCountedNow() throws Exception {
    Path data = dir.resolve("data");
    PipelineSpec spec = new PipelineSpec(List.of(stream("calls", "http", "all")),
        List.of(file("all", dir.resolve("out/all.jsonl"))));
    try (EventStore store = EventStore.open(data)) {
      try (StoreWriter writer = new StoreWriter(store, new RingBuffer(), new EventStamps(1),
          StoreWriter.Settings.defaults())) {
        Traffic.emit(new EventStamps(1), writer, 30); // 10 calls
      }
      Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS); // the API gives milliseconds
      Pipeline delivering = Pipeline.start(spec, store, new Outputs(), null);
      assertThat(delivering.drain(Duration.ofSeconds(60))).isTrue(); // a deliver that ran and ended
      Instant ended = Instant.now();
      try (StoreWriter writer = new StoreWriter(store, new RingBuffer(), new EventStamps(31),
          StoreWriter.Settings.defaults())) {
        Traffic.emit(new EventStamps(31), writer, 9); // stored since, by a capture without streams
      }
      try (MetricsPart part = new MetricsPart(MetricsSources.of(data, store));
          LocalServer server = LocalServer.start(0, List.of(part))) {
        String body = new ApiClient(server).get("/api/stats").body();
        StatsSchema.check(body);
        JsonNode report = JSON.readTree(body);
        assertThat(report.path("pipeline_figures").asText()).isEqualTo("saved");
        assertThat(Instant.parse(report.path("pipeline_figures_saved_at").asText()))
            .as("saved when the delivery stopped").isBetween(started, ended);
        assertThat(report.path("streams").path("calls").path("matched").asLong()).isEqualTo(10);
        assertThat(report.path("streams").path("calls").path("records").asLong()).isEqualTo(10);
        JsonNode all = report.path("outputs").path("all");
        assertThat(all.path("delivered").asLong()).isEqualTo(10);
        assertThat(all.path("health").asText()).isEqualTo("stopped");
        assertThat(all.path("pending_events").asLong()).isEqualTo(9);
        assertThat(all.path("latency_seconds").path("p99").isNull()).isTrue();
        assertThat(report.path("totals").path("delivered").asLong()).isEqualTo(10);
        assertThat(report.path("totals").path("captured").isNull()).isTrue();
        assertThat(report.path("delivering_process").isNull()).as("the delivery ended").isTrue();
      }
    }
  }

  @Test
  void savedFiguresHoldWhileTheirDeliveryRunsAndSayStoppedOnceItIsGone() throws Exception {
    Path data = dir.resolve("data");
    try (EventStore store = EventStore.open(data);
        MetricsPart part = new MetricsPart(MetricsSources.of(data, store));
        LocalServer server = LocalServer.start(0, List.of(part))) {
      // As a delivery saves them while its webhook is down and read for on its own.
      new DeliveryLedger(store).saveStats(Map.of("output:hook", """
          {"output":"hook","health":"failing","catching_up":true,"delivered":3,"pending_events":0,\
          "last_error":"HTTP 503","next_retry_at":"2026-12-06T01:00:00Z"}"""));
      ApiClient api = new ApiClient(server);
      JsonNode running = JSON.readTree(statsWhileADeliveryRuns(api, data));
      assertThat(running.path("delivering_process").asText())
          .isEqualTo("pid " + ProcessHandle.current().pid() + " (deliver --follow)");
      JsonNode hook = running.path("outputs").path("hook");
      assertThat(hook.path("health").asText()).isEqualTo("failing");
      assertThat(hook.path("catching_up").asBoolean()).isTrue();
      assertThat(hook.path("next_retry_at").asText()).isEqualTo("2026-12-06T01:00:00Z");

      String body = api.get("/api/stats").body();
      StatsSchema.check(body);
      JsonNode gone = JSON.readTree(body);
      assertThat(gone.path("pipeline_figures").asText()).isEqualTo("saved");
      assertThat(gone.path("delivering_process").isNull()).isTrue();
      hook = gone.path("outputs").path("hook");
      assertThat(hook.path("health").asText()).as("nothing delivers to it now").isEqualTo("stopped");
      assertThat(hook.path("catching_up").asBoolean()).isFalse();
      assertThat(hook.path("next_retry_at").isNull()).isTrue();
      assertThat(hook.path("delivered").asLong()).isEqualTo(3);
      assertThat(hook.path("last_error").asText()).isEqualTo("HTTP 503");
    }
  }

  @Test
  void aStreamOrOutputTheRunningDeliveryDoesNotRunReadsStoppedWithWhenAnEarlierOneSavedIt() throws Exception {
    Path data = dir.resolve("data");
    try (EventStore store = EventStore.open(data);
        MetricsPart part = new MetricsPart(MetricsSources.of(data, store));
        LocalServer server = LocalServer.start(0, List.of(part))) {
      DeliveryLedger ledger = new DeliveryLedger(store);
      // The last figures of an earlier delivery, whose webhook was fine, then those of the one running now without it.
      ledger.saveStats(Map.of(
          "stream:calls", """
              {"stream":"calls","matched":7,"transformed":7,"records":7,"dropped":0,"failed":0,"last_error":null}""",
          "output:hook", """
              {"output":"hook","health":"ok","catching_up":false,"delivered":7,"pending_events":0,"last_error":null}"""));
      Instant earlier = ledger.savedStats().get("output:hook").savedAt();
      Thread.sleep(5); // the running delivery saves at a later instant
      ledger.saveStats(Map.of("output:file", """
          {"output":"file","health":"ok","catching_up":false,"delivered":3,"pending_events":0,"last_error":null}"""));
      String body = statsWhileADeliveryRuns(new ApiClient(server), data);
      StatsSchema.check(body);
      JsonNode report = JSON.readTree(body);
      JsonNode hook = report.path("outputs").path("hook");
      assertThat(hook.path("health").asText()).as("the running delivery does not deliver to it").isEqualTo("stopped");
      assertThat(hook.path("delivered").asLong()).isEqualTo(7);
      assertThat(Instant.parse(hook.path("earlier_delivery_saved_at").asText())).isEqualTo(earlier);
      assertThat(report.path("streams").path("calls").path("earlier_delivery_saved_at").asText())
          .isEqualTo(hook.path("earlier_delivery_saved_at").asText());
      JsonNode file = report.path("outputs").path("file");
      assertThat(file.path("health").asText()).isEqualTo("ok");
      assertThat(file.has("earlier_delivery_saved_at")).as("the running delivery's own figures").isFalse();
      assertThat(Instant.parse(report.path("pipeline_figures_saved_at").asText())).isAfter(earlier);
    }
  }

  @Test
  void figuresSavedBeforeRecordsWereCountedReportNoRecordsRatherThanNone() throws Exception {
    Path data = dir.resolve("data");
    try (EventStore store = EventStore.open(data);
        MetricsPart part = new MetricsPart(MetricsSources.of(data, store));
        LocalServer server = LocalServer.start(0, List.of(part))) {
      new DeliveryLedger(store).saveStats(Map.of("stream:prices", """
          {"stream":"prices","matched":16,"transformed":16,"dropped":0,"failed":0,"last_error":null}"""));
      String body = new ApiClient(server).get("/api/stats").body();
      StatsSchema.check(body);
      JsonNode prices = JSON.readTree(body).path("streams").path("prices");
      assertThat(prices.path("transformed").asLong()).isEqualTo(16);
      assertThat(prices.has("records")).as("a transform may have made any number of records: 0 would be wrong")
          .isFalse();
    }
  }

  /** GET /api/stats while a delivery holds the data directory, as one does as long as it runs. */
  private static String statsWhileADeliveryRuns(ApiClient api, Path data) throws Exception {
    DataDirLock delivery = DataDirLock.acquire(data, DataDirLock.Kind.PIPELINE, "deliver --follow");
    try {
      return api.get("/api/stats").body();
    } finally {
      delivery.close();
    }
  }

  private static JsonNode awaitStats(ApiClient api, Predicate<JsonNode> done) throws Exception {
    JsonNode last = null;
    for (int i = 0; i < 300; i++) { // 30 s at most
      HttpResponse<String> r = api.get("/api/stats");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      StatsSchema.check(r.body());
      last = JSON.readTree(r.body());
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the pipeline did not deliver in 30 s; last stats: " + last);
  }

  private static long sum(JsonNode counts) {
    return StreamSupport.stream(counts.spliterator(), false).mapToLong(JsonNode::asLong).sum();
  }

  private static long dbFilesSize(Path data) throws Exception {
    Path db = data.resolve(EventStore.FILE_NAME);
    Path wal = data.resolve(EventStore.FILE_NAME + "-wal");
    return Files.size(db) + (Files.exists(wal) ? Files.size(wal) : 0);
  }

  static StreamSpec stream(String name, String type, String... outputs) {
    Map<String, Object> rule = Map.of("name", name,
        "conditions", List.of(Map.of("field", "type", "operator", "equals", "value", type)));
    return new StreamSpec(RuleParser.parse(rule, "streams[0]"), null, List.of(outputs));
  }

  static OutputSpec file(String name, Path path) {
    return new OutputSpec(name, "file", true, Map.of("path", path.toString()));
  }
}
