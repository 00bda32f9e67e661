package io.datasipper.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.json.IsoInstants;
import io.datasipper.pipeline.LatencyHistogram;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.store.DataDirLock;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreException;
import io.datasipper.store.UncheckedStoreException;
import io.datasipper.store.WriterStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code GET /api/stats}: one JSON object with what the dashboard shows (documented in
 * {@code openapi/stats.json}). What the command does not have (no capture) is null; without a
 * pipeline of its own, the streams and outputs are those the last pipeline saved in the store.
 */
final class StatsReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MetricsSources sources;
  private final StreamMinutes streamMinutes;

  /** @param streamMinutes the streams' per-minute counts; null when there is no pipeline */
  StatsReport(MetricsSources sources, StreamMinutes streamMinutes) {
    this.sources = sources;
    this.streamMinutes = streamMinutes;
  }

  ObjectNode build(long nowMillis) {
    ObjectNode root = JSON.createObjectNode();
    root.put("at", IsoInstants.format(Instant.ofEpochMilli(nowMillis)));
    PipelineStats pipeline = sources.pipeline();
    long maxStoredSeq = sources.store().maxSeq();
    ObjectNode streams = JSON.createObjectNode();
    ObjectNode outputs = JSON.createObjectNode();
    String figures = null;
    Optional<Instant> savedAt = Optional.empty();
    Optional<String> delivering = Optional.empty();
    if (pipeline != null) {
      streams(pipeline, streams);
      outputs(pipeline, maxStoredSeq, outputs);
      figures = "live";
    } else {
      delivering = deliveringProcess();
      savedAt = SavedPipelineFigures.read(sources.store(), maxStoredSeq, streams, outputs, delivering.isPresent());
      figures = savedAt.isPresent() ? "saved" : null;
    }
    Map<String, Long> deleted = new DeliveryLedger(sources.store()).deletedUndelivered();
    outputs.properties().forEach(o -> ((ObjectNode) o.getValue()).put("deleted_undelivered",
        deleted.getOrDefault(o.getKey(), 0L)));
    root.set("totals", totals(figures == null ? null : outputs));
    CapturedCounter captured = sources.captured();
    if (captured == null) {
      root.putNull("captured_by_type");
    } else {
      ObjectNode byType = root.putObject("captured_by_type");
      captured.totals().forEach(byType::put);
    }
    ObjectNode perMinute = root.putObject("per_minute");
    perMinute.put("first_minute", IsoInstants.format(Instant.ofEpochMilli(MinuteSeries.firstMinuteStart(nowMillis))));
    series(perMinute, "by_type", captured == null ? null : captured.lastHour(nowMillis));
    series(perMinute, "by_stream", streamMinutes == null ? null : streamMinutes.lastHour(nowMillis));
    root.put("pipeline_figures", figures);
    root.put("pipeline_figures_saved_at", savedAt.map(IsoInstants::format).orElse(null));
    root.put("delivering_process", delivering.orElse(null));
    root.set("streams", figures == null ? null : streams);
    root.set("outputs", figures == null ? null : outputs);
    root.set("ring_buffer", ringBuffer(sources.ringBuffer()));
    root.set("store_queue", storeQueue());
    root.set("capture", captureState(sources.captureState()));
    root.put("db_size_bytes", StoreFiles.sizeBytes(sources.dataDir()));
    root.put("max_stored_seq", maxStoredSeq);
    root.set("jvm_heap", heap());
    return root;
  }

  /** Another process delivering from this data directory now, as {@code pid N (command)}. */
  private Optional<String> deliveringProcess() {
    try {
      return DataDirLock.holder(sources.dataDir(), DataDirLock.Kind.PIPELINE);
    } catch (StoreException e) {
      throw new UncheckedStoreException(e);
    }
  }

  /** @param outputs the outputs' figures, live or saved; null when there are none */
  private ObjectNode totals(ObjectNode outputs) {
    ObjectNode t = JSON.createObjectNode();
    CapturedCounter captured = sources.captured();
    putOrNull(t, "captured",
        captured == null ? null : captured.totals().values().stream().mapToLong(Long::longValue).sum());
    WriterStats w = sources.writer() == null ? null : sources.writer().get();
    putOrNull(t, "stored", w == null ? null : w.written());
    putOrNull(t, "dropped", w == null ? null : w.droppedEvents());
    putOrNull(t, "delivered", outputs == null ? null : sum(outputs, "delivered"));
    putOrNull(t, "dead_lettered", outputs == null ? null : sum(outputs, "dead_lettered"));
    return t;
  }

  private static void series(ObjectNode parent, String field, Map<String, long[]> byName) {
    if (byName == null) {
      parent.putNull(field);
      return;
    }
    ObjectNode out = parent.putObject(field);
    byName.forEach((name, counts) -> {
      ArrayNode a = out.putArray(name);
      for (long c : counts) {
        a.add(c);
      }
    });
  }

  private static long sum(ObjectNode byName, String field) {
    long n = 0;
    for (JsonNode item : byName) {
      n += item.path(field).asLong();
    }
    return n;
  }

  private static void streams(PipelineStats pipeline, ObjectNode out) {
    pipeline.streams().forEach((name, c) -> c.putInto(out.putObject(name)));
  }

  private static void outputs(PipelineStats pipeline, long maxStoredSeq, ObjectNode out) {
    Map<String, String> health = pipeline.health(maxStoredSeq);
    pipeline.outputs().forEach((name, c) -> {
      ObjectNode o = out.putObject(name);
      o.put("health", health.getOrDefault(name, c.health()));
      o.put("catching_up", c.catchingUp());
      o.put("delivered", c.delivered());
      o.put("pending_events", Math.max(0, maxStoredSeq - c.cursor()));
      o.put("dead_lettered", c.deadLettered());
      o.put("retries", c.retries());
      o.put("last_error", c.lastError());
      Instant retryAt = c.nextRetryAt();
      o.put("next_retry_at", retryAt == null ? null : retryAt.toString());
      LatencyHistogram.Snapshot latency = c.latency().snapshot();
      ObjectNode l = o.putObject("latency_seconds");
      l.put("count", latency.count());
      putOrNull(l, "p50", latency.count() == 0 ? null : latency.percentile(0.5));
      putOrNull(l, "p99", latency.count() == 0 ? null : latency.percentile(0.99));
      putOrNull(l, "max", latency.count() == 0 ? null : latency.maxSeconds());
    });
  }

  private static ObjectNode ringBuffer(RingBuffer ring) {
    if (ring == null) {
      return null;
    }
    return JSON.createObjectNode().put("events", ring.size()).put("max_events", ring.maxEvents())
        .put("bytes", ring.heldBytes()).put("max_bytes", ring.maxBytes());
  }

  private static ObjectNode captureState(CaptureState state) {
    if (state == null) {
      return null;
    }
    return JSON.createObjectNode().put("attached", state.attached().getAsBoolean())
        .put("tabs", state.tabs().getAsInt());
  }

  private ObjectNode storeQueue() {
    if (sources.writer() == null) {
      return null;
    }
    WriterStats w = sources.writer().get();
    ObjectNode q = JSON.createObjectNode().put("bytes", w.queuedBytes()).put("peak_bytes", w.peakQueuedBytes());
    putOrNull(q, "max_bytes", sources.maxQueuedBytes() > 0 ? sources.maxQueuedBytes() : null);
    q.put("pending_events", w.pendingEvents());
    q.put("store_failure", w.storeFailure());
    return q;
  }

  private static ObjectNode heap() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    ObjectNode h = JSON.createObjectNode().put("used_bytes", heap.getUsed())
        .put("committed_bytes", heap.getCommitted());
    putOrNull(h, "max_bytes", heap.getMax() < 0 ? null : heap.getMax()); // -1: the JVM sets no limit
    return h;
  }

  private static void putOrNull(ObjectNode node, String field, Number value) {
    switch (value) {
      case null -> node.putNull(field);
      case Long l -> node.put(field, l);
      case Double d -> node.put(field, d);
      default -> node.put(field, value.longValue());
    }
  }
}
