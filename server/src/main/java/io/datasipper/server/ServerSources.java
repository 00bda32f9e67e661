package io.datasipper.server;

import io.datasipper.config.ConfigSource;
import io.datasipper.config.LivePipeline;
import io.datasipper.server.metrics.CapturedCounter;
import io.datasipper.store.EventStore;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.WriterStats;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What a running command offers its local server.
 *
 * @param config the config the command runs with
 * @param following its following of the config file while the pipeline runs; null when nothing delivers
 * @param pipeline the running pipeline; null when the command delivers nothing
 * @param capturing the running capture; null when the command does not capture ({@code serve})
 */
public record ServerSources(Path dataDir, EventStore store, ConfigSource config, ConfigSource.Following following,
    LivePipeline pipeline, Capturing capturing) {

  /**
   * A capture in progress.
   *
   * @param captured what it handed on, by type and minute
   * @param ring its latest events, before they are stored
   * @param writer what its store writer has written, dropped and failed to write
   * @param maxQueuedBytes how many bytes the store writer may queue
   * @param attached whether it still reads the browser
   * @param tabs how many of the browser's tabs it is attached to
   */
  public record Capturing(CapturedCounter captured, RingBuffer ring, Supplier<WriterStats> writer, long maxQueuedBytes,
      BooleanSupplier attached, IntSupplier tabs) {}
}
