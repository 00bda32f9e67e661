package io.datasipper.server.metrics;

import io.datasipper.pipeline.PipelineStats;
import io.datasipper.server.feed.FeedPart;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.WriterStats;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the stats and metrics read, as the running command has it: always a data directory and its
 * store; the capture's counters, store writer and ring buffer while it captures; the pipeline's
 * counters while it delivers. What a command lacks is null and left out of the figures ({@code serve}
 * without {@code --deliver}, say, has neither capture nor pipeline).
 *
 * @param dataDir the data directory, whose {@code events.db} (and its WAL) size is reported
 * @param store its store, asked for the highest stored seq (what the outputs have still to take)
 * @param captured what the capture handed on, by type; null when nothing captures
 * @param writer the store writer's counters (stored, dropped, queued bytes); null when nothing captures
 * @param maxQueuedBytes how many bytes the store writer may queue ({@code store.write_queue}); 0 when unknown
 * @param ringBuffer the recent events held in memory; null when nothing captures
 * @param pipeline the streams' and outputs' counters; null when nothing delivers
 * @param captureState whether the capture reads its browser, and how many tabs; null when nothing captures
 * @param feed the live feed, its clients and what it sent them; null when the server has none
 */
public record MetricsSources(Path dataDir, EventStore store, CapturedCounter captured, Supplier<WriterStats> writer,
    long maxQueuedBytes, RingBuffer ringBuffer, PipelineStats pipeline, CaptureState captureState, FeedPart feed) {
  public MetricsSources {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(store, "store");
  }

  /** A data directory's store alone: neither capture nor delivery. */
  public static MetricsSources of(Path dataDir, EventStore store) {
    return new MetricsSources(dataDir, store, null, null, 0, null, null, null, null);
  }

  /** With the capture's counters, its store writer (and the writer's queue limit) and ring buffer. */
  public MetricsSources withCapture(CapturedCounter counter, Supplier<WriterStats> writerStats, long maxQueued,
      RingBuffer ring) {
    return new MetricsSources(dataDir, store, counter, writerStats, maxQueued, ring, pipeline, captureState, feed);
  }

  /** With the pipeline's counters: pass the one instance that lives across config reloads. */
  public MetricsSources withPipeline(PipelineStats stats) {
    return new MetricsSources(dataDir, store, captured, writer, maxQueuedBytes, ringBuffer, stats, captureState, feed);
  }

  /** With the capture's browser connection: whether it is attached, and to how many tabs. */
  public MetricsSources withCaptureState(CaptureState state) {
    return new MetricsSources(dataDir, store, captured, writer, maxQueuedBytes, ringBuffer, pipeline, state, feed);
  }

  /** With the live feed: how many clients it has, and how many messages and bytes it sent them. */
  public MetricsSources withFeed(FeedPart liveFeed) {
    return new MetricsSources(dataDir, store, captured, writer, maxQueuedBytes, ringBuffer, pipeline, captureState,
        liveFeed);
  }
}
