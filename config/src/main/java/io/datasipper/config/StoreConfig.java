package io.datasipper.config;

import io.datasipper.store.RetentionSettings;
import io.datasipper.store.RingBuffer;
import io.datasipper.store.StoreKey;
import io.datasipper.store.StoreWriter;

/**
 * How much of the captured traffic a capturing command holds in memory: the ring buffer live
 * readers take the latest events from, and the queue of events waiting to be written to disk; and
 * how much the data directory keeps on disk.
 *
 * @param ringMaxEvents the most events the ring buffer holds
 * @param ringMaxBytes the most bytes of events the ring buffer holds
 * @param writeQueueMaxBytes the most bytes of events waiting for the disk; past it, events are
 *     dropped from the store and a {@code capture_gap} says how many
 * @param retention how long and how much the store keeps, and the limits of dead letters and the browser's log
 * @param key the key of {@code store.encryption.key_file}, read when the config was; null when not set
 */
public record StoreConfig(int ringMaxEvents, long ringMaxBytes, long writeQueueMaxBytes, RetentionSettings retention,
    StoreKey key) {

  /** Settings with no key of their own. */
  public StoreConfig(int ringMaxEvents, long ringMaxBytes, long writeQueueMaxBytes, RetentionSettings retention) {
    this(ringMaxEvents, ringMaxBytes, writeQueueMaxBytes, retention, null);
  }

  public static StoreConfig defaults() {
    return new StoreConfig(RingBuffer.DEFAULT_MAX_EVENTS, RingBuffer.DEFAULT_MAX_BYTES,
        StoreWriter.Settings.defaults().maxQueuedBytes(), RetentionSettings.defaults());
  }

  /** A new, empty ring of the configured size: one per capture, shared by its writer and its live feed. */
  public RingBuffer newRingBuffer() {
    return new RingBuffer(ringMaxEvents, ringMaxBytes);
  }

  public StoreWriter.Settings writerSettings() {
    return StoreWriter.Settings.defaults().withMaxQueuedBytes(writeQueueMaxBytes);
  }
}
