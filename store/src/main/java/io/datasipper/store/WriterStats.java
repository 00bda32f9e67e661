package io.datasipper.store;

/**
 * A snapshot of a {@link StoreWriter}'s counters. Gap events the writer made itself are counted in
 * {@code gapsRecorded} only, so that {@code accepted == written + droppedEvents + pendingEvents}
 * always holds.
 *
 * @param accepted events handed to {@code accept}
 * @param written accepted events now in the store
 * @param droppedEvents accepted events not stored because the queue was full
 * @param droppedBytes their approximate size
 * @param gapsRecorded gap events made to report the drops
 * @param pendingEvents accepted events neither written nor dropped: queued, or being written. After
 *     {@code close()} these are the events it gave up on.
 * @param queuedBytes approximate size of the events waiting to be written, now
 * @param peakQueuedBytes the most {@code queuedBytes} has been
 * @param batches transactions committed
 * @param insertFailures failed attempts to write a batch (each is retried)
 * @param storeFailure why the last attempt to write failed, naming the store (a full disk, say),
 *     or null if it succeeded
 */
public record WriterStats(
    long accepted,
    long written,
    long droppedEvents,
    long droppedBytes,
    long gapsRecorded,
    long pendingEvents,
    long queuedBytes,
    long peakQueuedBytes,
    long batches,
    long insertFailures,
    String storeFailure) {}
