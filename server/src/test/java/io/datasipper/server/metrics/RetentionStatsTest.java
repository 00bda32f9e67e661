package io.datasipper.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.api.event.EventStamps;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import io.datasipper.store.RetentionSettings;
import io.datasipper.store.RetentionSweep;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events the retention sweep deleted before an output had delivered them, as {@code /api/stats}
 * and {@code /metrics} show them: a real webhook output whose receiver is down, and a week passing.
 */
class RetentionStatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void eventsDeletedPastTheRetentionBeforeAFailingOutputTookThemAreCountedForIt() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort(); // nothing listens there once it is closed
    }
    Path data = dir.resolve("data");
    PipelineSpec spec = new PipelineSpec(
        List.of(MetricsPartTest.stream("frames", "ws_frame", "down", "file"),
            MetricsPartTest.stream("calls", "http", "down", "file")),
        List.of(new OutputSpec("down", "webhook", true,
                Map.of("url", "http://127.0.0.1:" + closedPort + "/hook", "mode", "single", "timeout_ms", 2_000)),
            MetricsPartTest.file("file", dir.resolve("out/all.jsonl"))));
    try (EventStore store = EventStore.open(data);
        StoreWriter writer = new StoreWriter(store, new RingBuffer(), new EventStamps(1),
            StoreWriter.Settings.defaults());
        Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null);
        MetricsPart part = new MetricsPart(MetricsSources.of(data, store).withPipeline(pipeline.stats()));
        LocalServer server = LocalServer.start(0, List.of(part))) {
      ApiClient api = new ApiClient(server);
      Traffic.emit(new EventStamps(1), writer, 30);
      // The sweep keeps what a delivering output has not taken by the cursor it saved, which the
      // stats' pending_events can run ahead of: wait for the saved one.
      DeliveryLedger ledger = new DeliveryLedger(store);
      JsonNode before = await(api, r -> r.path("outputs").path("down").path("health").asText().equals("failing")
          && ledger.cursor("file").orElse(0) == 30);
      assertThat(before.path("outputs").path("down").path("deleted_undelivered").asLong()).isZero();

      Clock weekLater = Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC);
      RetentionSettings week = RetentionSettings.off().withMaxAge(Duration.ofDays(7));
      try (RetentionSweep sweep = new RetentionSweep(store, week,
          name -> List.of("ok", "starting").contains(pipeline.stats().output(name).health()), writer, weekLater)) {
        RetentionSweep.Report report = sweep.sweep();
        assertThat(report.deletedForAge()).isEqualTo(30);
        assertThat(report.undelivered()).isEqualTo(Map.of("down", 30L));
      }

      JsonNode after = await(api, r -> true);
      assertThat(after.path("outputs").path("down").path("deleted_undelivered").asLong()).isEqualTo(30);
      assertThat(after.path("outputs").path("file").path("deleted_undelivered").asLong())
          .as("the file output had delivered them all").isZero();
      PrometheusText metrics = new PrometheusText(api.get("/metrics").body());
      assertThat(metrics.value("datasipper_output_deleted_undelivered_total", "output", "down")).isEqualTo(30);
      assertThat(metrics.value("datasipper_output_deleted_undelivered_total", "output", "file")).isZero();
    }
  }

  private static JsonNode await(ApiClient api, Predicate<JsonNode> done) throws Exception {
    JsonNode report = null;
    for (int i = 0; i < 300; i++) { // 30 s at most
      String body = api.get("/api/stats").body();
      StatsSchema.check(body);
      report = JSON.readTree(body);
      if (done.test(report)) {
        return report;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the stats never showed what was awaited: " + report);
  }
}
