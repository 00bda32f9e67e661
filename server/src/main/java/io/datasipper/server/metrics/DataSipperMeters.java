package io.datasipper.server.metrics;

import io.datasipper.pipeline.PipelineStats;
import io.datasipper.server.feed.FeedPart;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.WriterStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * DataSipper's own meters, read from its counters at each scrape (nothing is counted twice). Named
 * the Micrometer way ({@code datasipper.events.captured}); the Prometheus registry writes them the
 * Prometheus way ({@code datasipper_events_captured_total}). Event types, streams and outputs
 * appear while the command runs, so {@link #refresh} adds their meters before each scrape.
 */
final class DataSipperMeters {
  /** The health an output can report, as {@code streams stats} names them. */
  static final List<String> HEALTH = List.of("starting", "ok", "lagging", "failing", "stopped");
  private static final List<String> STREAM_RESULTS = List.of("matched", "transformed", "dropped", "failed");

  private final MeterRegistry registry;
  private final MetricsSources sources;
  private final Set<String> registered = new HashSet<>();
  /** Read once per scrape: a query of the store, which every output's pending count needs. */
  private volatile long maxStoredSeq;
  private volatile Map<String, String> health = Map.of();
  /** Read once per scrape too: the store counts them, not the pipeline. */
  private volatile Map<String, Long> deletedUndelivered = Map.of();

  DataSipperMeters(MeterRegistry registry, MetricsSources sources) {
    this.registry = registry;
    this.sources = sources;
    gauge("datasipper.db.size", "bytes", "Bytes of the events database and its write-ahead log",
        () -> StoreFiles.sizeBytes(sources.dataDir()));
    Supplier<WriterStats> writer = sources.writer();
    if (writer != null) {
      counter("datasipper.events.stored", "Captured events written to the store", () -> writer.get().written());
      counter("datasipper.events.dropped", "Captured events dropped because the queue to the store was full",
          () -> writer.get().droppedEvents());
      gauge("datasipper.store.queue", "bytes", "Bytes of events waiting to be written to the store",
          () -> writer.get().queuedBytes());
      if (sources.maxQueuedBytes() > 0) {
        gauge("datasipper.store.queue.max", "bytes", "The most bytes of events that may wait to be written",
            sources::maxQueuedBytes);
      }
    }
    RingBuffer ring = sources.ringBuffer();
    if (ring != null) {
      gauge("datasipper.ring.buffer.events", null, "Recent events held in memory", ring::size);
      gauge("datasipper.ring.buffer", "bytes", "Bytes of the recent events held in memory", ring::heldBytes);
      gauge("datasipper.ring.buffer.max.events", null, "The most recent events held in memory", ring::maxEvents);
      gauge("datasipper.ring.buffer.max", "bytes", "The most bytes of recent events held in memory", ring::maxBytes);
    }
    FeedPart feed = sources.feed();
    if (feed != null) {
      gauge("datasipper.feed.clients", null, "Clients connected to the live feed", feed::clients);
      counter("datasipper.feed.sent.messages", "Messages the live feed sent its clients", feed::messagesSent);
      counter("datasipper.feed.sent", "bytes", "Bytes of the messages the live feed sent its clients", feed::bytesSent);
    }
    refresh();
  }

  /** Adds the meters of event types, streams and outputs seen since the last call; reads the store's highest seq. */
  synchronized void refresh() {
    CapturedCounter captured = sources.captured();
    if (captured != null) {
      for (String type : captured.totals().keySet()) {
        if (registered.add("type:" + type)) {
          FunctionCounter.builder("datasipper.events.captured", captured, c -> c.total(type))
              .description("Events the capture made, by type").tag("type", type).register(registry);
        }
      }
    }
    PipelineStats pipeline = sources.pipeline();
    if (pipeline == null) {
      return;
    }
    maxStoredSeq = sources.store().maxSeq();
    health = pipeline.health(maxStoredSeq);
    deletedUndelivered = new DeliveryLedger(sources.store()).deletedUndelivered();
    pipeline.streams().forEach((stream, c) -> {
      if (registered.add("stream:" + stream)) {
        for (String result : STREAM_RESULTS) {
          ToDoubleFunction<PipelineStats.StreamCounters> count = switch (result) {
            case "matched" -> PipelineStats.StreamCounters::matched;
            case "transformed" -> PipelineStats.StreamCounters::transformed;
            case "dropped" -> PipelineStats.StreamCounters::dropped;
            default -> PipelineStats.StreamCounters::failed;
          };
          FunctionCounter.builder("datasipper.stream.events", c, count)
              .description("Events of a stream: matched its rule, then transformed (made records, counted by "
                  + "datasipper.stream.records), dropped by its transform, or failed (dead-lettered)")
              .tags("stream", stream, "result", result).register(registry);
        }
        FunctionCounter.builder("datasipper.stream.records", c, PipelineStats.StreamCounters::records)
            .description("Records a stream made for its outputs: one per event without a transform, what the "
                + "transform returned with one")
            .tags("stream", stream).register(registry);
      }
    });
    pipeline.outputs().forEach((output, c) -> {
      if (registered.add("output:" + output)) {
        addOutput(output, c);
      }
    });
  }

  private void addOutput(String output, PipelineStats.OutputCounters c) {
    FunctionCounter.builder("datasipper.output.delivered", c, PipelineStats.OutputCounters::delivered)
        .description("Records the output's destination acknowledged").tag("output", output).register(registry);
    FunctionCounter.builder("datasipper.output.dead.lettered", c, PipelineStats.OutputCounters::deadLettered)
        .description("Records the destination refused, now in the dead letters").tag("output", output)
        .register(registry);
    FunctionCounter.builder("datasipper.output.retries", c, PipelineStats.OutputCounters::retries)
        .description("Writes the output retried").tag("output", output).register(registry);
    FunctionCounter.builder("datasipper.output.deleted.undelivered", this,
            m -> m.deletedUndelivered.getOrDefault(output, 0L))
        .description("Stored events the retention sweep deleted before the output had taken them")
        .tag("output", output).register(registry);
    Gauge.builder("datasipper.output.pending.events", c, o -> Math.max(0, maxStoredSeq - o.cursor()))
        .description("Stored events the output has still to take").tag("output", output).strongReference(true)
        .register(registry);
    Gauge.builder("datasipper.output.catching.up", c, o -> o.catchingUp() ? 1 : 0)
        .description("1 while the output reads the stored events on its own, having fallen behind its streams")
        .tag("output", output).strongReference(true).register(registry);
    for (String state : HEALTH) {
      Gauge.builder("datasipper.output.health", this, m -> state.equals(m.health.get(output)) ? 1 : 0)
          .description("1 for the output's health now, 0 for the others").tags("output", output, "health", state)
          .strongReference(true).register(registry);
    }
  }

  /**
   * A counter read from {@code value}. Micrometer holds a meter's object weakly: the object is this,
   * which the metrics part keeps, and the function holds the source.
   */
  private void counter(String name, String help, Supplier<Number> value) {
    counter(name, null, help, value);
  }

  private void counter(String name, String unit, String help, Supplier<Number> value) {
    FunctionCounter.builder(name, this, m -> value.get().doubleValue()).description(help).baseUnit(unit)
        .register(registry);
  }

  private void gauge(String name, String unit, String help, Supplier<Number> value) {
    Gauge.builder(name, this, m -> value.get().doubleValue()).description(help).baseUnit(unit).register(registry);
  }
}
