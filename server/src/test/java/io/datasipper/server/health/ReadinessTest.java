package io.datasipper.server.health;

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
import io.datasipper.pipeline.StreamSpec;
import io.datasipper.server.ApiClient;
import io.datasipper.server.LocalServer;
import io.datasipper.server.metrics.MetricsPart;
import io.datasipper.server.metrics.MetricsSources;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreWriter;
import io.datasipper.testkit.SampleEvents;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /readyz} over a real store, store writer and pipeline with real file outputs. */
class ReadinessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aCaptureWithAWritableStoreAndADeliveringOutputIsReadyUntilItsBrowserGoes() throws Exception {
    Path data = dir.resolve("data");
    AtomicBoolean attached = new AtomicBoolean(true);
    try (EventStore store = EventStore.open(data);
        StoreWriter writer = new StoreWriter(store, new RingBuffer(), new EventStamps(1), StoreWriter.Settings.defaults())) {
      for (long seq = 1; seq <= 30; seq++) {
        writer.accept(SampleEvents.event(seq, 2, "{\"n\":" + seq + "}"));
      }
      PipelineStats stats = new PipelineStats();
      PipelineSpec spec = spec(Map.of("orders", dir.resolve("orders.jsonl")));
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null, stats);
      try (LocalServer server = LocalServer.start(0, List.of(new ReadinessPart(List.of(CaptureHealth.of(attached::get),
          StoreHealth.withWriter(store, data, writer::stats), new PipelineHealth(stats, () -> names(spec), store::maxSeq)))))) {
        ApiClient api = new ApiClient(server);
        awaitTrue(() -> stats.output("orders").delivered() == 10, "the output delivered the 10 calls");

        HttpResponse<String> ready = api.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(ready.body());
        assertThat(body.path("ready").asBoolean()).isTrue();
        assertThat(body.path("components").fieldNames()).toIterable().containsExactly("capture", "store", "output:orders");
        assertThat(body.at("/components/capture/status").asText()).isEqualTo("up");
        assertThat(body.at("/components/store/status").asText()).isEqualTo("up");
        assertThat(body.at("/components/store/detail").asText()).contains("events.db: up to seq 30", "30 events written");
        assertThat(body.at("/components/output:orders/status").asText()).isEqualTo("up");
        assertThat(body.at("/components/output:orders/detail").asText()).isEqualTo("ok: 10 delivered, 0 dead-lettered");

        attached.set(false);
        HttpResponse<String> detached = api.get("/readyz");
        assertThat(detached.statusCode()).isEqualTo(503);
        JsonNode after = JSON.readTree(detached.body());
        assertThat(after.path("ready").asBoolean()).isFalse();
        assertThat(after.at("/components/capture/status").asText()).isEqualTo("down");
        assertThat(after.at("/components/capture/detail").asText()).startsWith("not attached to the browser");

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(server.address() + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("readiness names the outputs: it needs the token").isEqualTo(401);
      } finally {
        pipeline.close();
      }
    }
  }

  @Test
  void anOutputThatCannotWriteMakesTheServerUnreadyAndSaysWhy() throws Exception {
    Path data = dir.resolve("data");
    Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "a file");
    try (EventStore store = EventStore.open(data)) {
      SampleEvents.fill(store, 1, 30, seq -> SampleEvents.event(seq, 2, "{}"));
      PipelineStats stats = new PipelineStats();
      PipelineSpec spec = spec(Map.of("good", dir.resolve("good.jsonl"), "broken", notADirectory.resolve("x.jsonl")));
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null, stats);
      try (LocalServer server = LocalServer.start(0, List.of(new ReadinessPart(List.of(
          StoreHealth.withoutWriter(store, data), new PipelineHealth(stats, () -> names(spec), store::maxSeq)))))) {
        awaitTrue(() -> "failing".equals(stats.output("broken").health()) && stats.output("good").delivered() == 10,
            "one output fails, the other delivered");
        HttpResponse<String> answer = new ApiClient(server).get("/readyz");
        assertThat(answer.statusCode()).isEqualTo(503);
        JsonNode components = JSON.readTree(answer.body()).path("components");
        assertThat(components.at("/output:good/status").asText()).isEqualTo("up");
        assertThat(components.at("/output:broken/status").asText()).isEqualTo("down");
        assertThat(components.at("/output:broken/detail").asText()).startsWith("failing: ").contains(notADirectory.toString());
        assertThat(components.at("/store/status").asText()).isEqualTo("up");
      } finally {
        pipeline.close();
      }
    }
  }

  /**
   * A webhook output whose receiver holds every request: it is ok (it started, nothing failed) but
   * takes nothing, so once events stored ten seconds ago are still to be taken it lags, as {@code
   * /api/stats} and {@code streams stats} say too; lagging is not down.
   */
  @Test
  void anOutputThatFallsBehindIsReportedLaggingAndStillReady() throws Exception {
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      requested.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    receiver.setExecutor(handlers);
    receiver.start();
    Path data = dir.resolve("data");
    OutputSpec slow = new OutputSpec("slow", "webhook", true, Map.of("url",
        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "mode", "single", "timeout_ms", 120_000));
    PipelineSpec spec = new PipelineSpec(List.of(new StreamSpec(SampleEvents.typeRule("calls", "http"), null,
        List.of("slow"))), List.of(slow));
    try (EventStore store = EventStore.open(data)) {
      SampleEvents.fill(store, 1, 30, seq -> SampleEvents.event(seq, 2, "{}"));
      PipelineStats stats = new PipelineStats();
      Pipeline pipeline = Pipeline.start(spec, store, new Outputs(), null, stats);
      try (MetricsPart metrics = new MetricsPart(MetricsSources.of(data, store).withPipeline(stats));
          LocalServer server = LocalServer.start(0, List.of(metrics, new ReadinessPart(List.of(
              StoreHealth.withoutWriter(store, data), new PipelineHealth(stats, () -> names(spec), store::maxSeq)))))) {
        ApiClient api = new ApiClient(server);
        assertThat(requested.await(30, TimeUnit.SECONDS)).as("the webhook output posted its first record").isTrue();
        assertThat(outputDetail(api)).startsWith("ok: ");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String detail = outputDetail(api);
        while (!detail.startsWith("lagging") && System.nanoTime() < deadline) {
          Thread.sleep(200);
          detail = outputDetail(api);
        }
        assertThat(detail).isEqualTo("lagging: 0 delivered, 0 dead-lettered");
        HttpResponse<String> ready = api.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).at("/components/output:slow/status").asText()).isEqualTo("up");
        assertThat(JSON.readTree(api.get("/api/stats").body()).at("/outputs/slow/health").asText()).isEqualTo("lagging");
      } finally {
        release.countDown();
        pipeline.close();
        receiver.stop(0);
        handlers.close();
      }
    }
  }

  private static String outputDetail(ApiClient api) throws Exception {
    return JSON.readTree(api.get("/readyz").body()).at("/components/output:slow/detail").asText();
  }

  @Test
  void serveWithoutCaptureOrDeliveryIsReadyAndSaysWhatItDoesNotRun() throws Exception {
    Path data = dir.resolve("data");
    try (EventStore store = EventStore.open(data);
        LocalServer server = LocalServer.start(0, List.of(new ReadinessPart(List.of(CaptureHealth.absent(),
            StoreHealth.withoutWriter(store, data), PipelineHealth.notDelivering(() -> List.of("orders"))))))) {
      HttpResponse<String> answer = new ApiClient(server).get("/readyz");
      assertThat(answer.statusCode()).isEqualTo(200);
      JsonNode components = JSON.readTree(answer.body()).path("components");
      assertThat(components.at("/capture/status").asText()).isEqualTo("absent");
      assertThat(components.at("/output:orders/status").asText()).isEqualTo("absent");
      assertThat(components.at("/output:orders/detail").asText()).contains("without --deliver");
      assertThat(components.at("/store/status").asText()).isEqualTo("up");
    }
  }

  @Test
  void aCheckThatThrowsIsReportedAsDown() throws Exception {
    HealthCheck broken = () -> {
      throw new IllegalStateException("the pipeline is being replaced");
    };
    try (LocalServer server = LocalServer.start(0, List.of(new ReadinessPart(List.of(CaptureHealth.absent(), broken))))) {
      HttpResponse<String> answer = new ApiClient(server).get("/readyz");
      assertThat(answer.statusCode()).isEqualTo(503);
      JsonNode components = JSON.readTree(answer.body()).path("components");
      assertThat(components.at("/check:2/status").asText()).isEqualTo("down");
      assertThat(components.at("/check:2/detail").asText()).contains("the pipeline is being replaced");
    }
  }

  /** One stream of the HTTP calls (every third sample event) to each file output. */
  private static PipelineSpec spec(Map<String, Path> files) {
    List<OutputSpec> outputs = files.entrySet().stream()
        .map(e -> new OutputSpec(e.getKey(), "file", true, Map.of("path", e.getValue().toString()))).toList();
    StreamSpec calls = new StreamSpec(SampleEvents.typeRule("calls", "http"), null,
        outputs.stream().map(OutputSpec::name).toList());
    return new PipelineSpec(List.of(calls), outputs);
  }

  private static List<String> names(PipelineSpec spec) {
    return spec.outputs().stream().map(OutputSpec::name).toList();
  }

  static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s: " + what);
      }
      Thread.sleep(Duration.ofMillis(20));
    }
  }
}
