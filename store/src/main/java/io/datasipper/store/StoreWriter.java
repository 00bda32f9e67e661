package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.EventSink;
import io.datasipper.api.event.EventStamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each captured event into the ring buffer at once and into the store in batches, from a
 * thread of its own, so that the thread reading from the browser never waits for the disk.
 *
 * <p>Memory is bounded: events wait for the disk in a queue of at most {@code maxQueuedBytes}
 * (by {@link CaptureEvent#approximateBytes}). An event that does not fit is dropped from the store
 * and counted, but still goes into the ring buffer, so live readers see it. The drops are then
 * reported by one {@link CaptureGapEvent}, in the ring and in the store, made at the first {@code
 * accept} whose event fits again, or at {@link #close} if none comes. It is made on the accepting
 * thread, right after that event, so that the ring receives events in {@code seq} order.
 *
 * <p>A batch that fails to be written is logged and retried, with backoff, until it succeeds:
 * events are not silently lost to a passing disk error, and while the store is failing the queue
 * fills and drops are reported as above.
 *
 * <p>The writer can be {@link #pause paused} (the store is full and its policy says so): events
 * are then not stored, as if the queue were full, and the gap event made when it resumes says why.
 *
 * <p>Closing the writer closes neither the store nor the ring.
 */
public final class StoreWriter implements EventSink, AutoCloseable {

  /**
   * @param batchSize the most events written in one transaction
   * @param flushInterval the longest an event waits for its batch to fill before it is written
   * @param maxQueuedBytes the most (approximate) bytes of events waiting to be written
   * @param closeTimeout how long {@link #close} waits for the queue to be written before giving up
   */
  public record Settings(
      int batchSize, Duration flushInterval, long maxQueuedBytes, Duration closeTimeout) {

    public Settings {
      Objects.requireNonNull(flushInterval, "flushInterval");
      Objects.requireNonNull(closeTimeout, "closeTimeout");
      if (batchSize < 1 || maxQueuedBytes < 1) {
        throw new IllegalArgumentException(
            "batchSize and maxQueuedBytes must be positive: " + batchSize + ", " + maxQueuedBytes);
      }
      if (!flushInterval.isPositive() || closeTimeout.isNegative()) {
        throw new IllegalArgumentException(
            "flushInterval must be positive and closeTimeout not negative: " + flushInterval
                + ", " + closeTimeout);
      }
    }

    /**
     * Up to 1000 events per batch, an event waits at most 10 ms for its batch (none after 10 ms
     * without a batch), up to 100 MB queued, 30 s to drain on close. The short wait is for live
     * outputs: the pipeline reads events from the store, so it is part of every event's way from
     * the browser to Kafka; at low rates it bounds the writes to 100 per second. A batch is
     * whatever came in the wait, so the bound on its size matters when the writer falls behind (a
     * busy machine, a slow disk): the larger the batch, the less each of its events costs to
     * write, and the sooner the writer catches up.
     */
    public static Settings defaults() {
      return new Settings(1000, Duration.ofMillis(10), 100L * 1024 * 1024, Duration.ofSeconds(30));
    }

    public Settings withBatchSize(int n) {
      return new Settings(n, flushInterval, maxQueuedBytes, closeTimeout);
    }

    public Settings withFlushInterval(Duration d) {
      return new Settings(batchSize, d, maxQueuedBytes, closeTimeout);
    }

    public Settings withMaxQueuedBytes(long bytes) {
      return new Settings(batchSize, flushInterval, bytes, closeTimeout);
    }

    public Settings withCloseTimeout(Duration d) {
      return new Settings(batchSize, flushInterval, maxQueuedBytes, d);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
  private static final long FIRST_RETRY_MS = 100;
  private static final long MAX_RETRY_MS = 5_000;

  private final BatchInserter store;
  private final RingBuffer ring;
  private final EventStamps stamps;
  private final Settings settings;
  private final Thread thread;

  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when the queue becomes non-empty, reaches a full batch, or closing starts. */
  private final Condition work = lock.newCondition();

  // Everything below is guarded by lock. The lock is never held while writing to disk.
  private final ArrayDeque<CaptureEvent> queue = new ArrayDeque<>();
  private final DropTally drops = new DropTally();
  /** The gap events this writer made and has not written yet: they do not count as written. */
  private final Set<CaptureEvent> unwrittenGaps =
      Collections.newSetFromMap(new IdentityHashMap<>());
  /** When the oldest queued event (or an older one) was queued: flush deadlines count from it. */
  private long oldestQueuedAtNanos;
  /** When the last batch was taken (at first, when the writer started): the next is due a flush interval later. */
  private long lastBatchAtNanos = System.nanoTime();
  private boolean closing;
  /** Why events are not stored now; null while they are. */
  private String pausedFor;
  private long accepted;
  private long written;
  private long droppedEvents;
  private long droppedBytes;
  private long gapsRecorded;
  private long queuedBytes;
  private long peakQueuedBytes;
  private long batches;
  private long insertFailures;
  /** Why the batch being written failed last, naming the store (a full disk, say); null once a write succeeds. */
  private String storeFailure;

  /** Starts the writer thread. {@code stamps} gives the seq and id of the gap events it makes. */
  public StoreWriter(EventStore store, RingBuffer ring, EventStamps stamps, Settings settings) {
    this(BatchInserter.of(store), ring, stamps, settings);
  }

  StoreWriter(BatchInserter store, RingBuffer ring, EventStamps stamps, Settings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.ring = Objects.requireNonNull(ring, "ring");
    this.stamps = Objects.requireNonNull(stamps, "stamps");
    this.settings = Objects.requireNonNull(settings, "settings");
    // A daemon: a writer nobody closed must not keep the JVM alive.
    this.thread = Thread.ofPlatform().name("datasipper-store-writer").daemon().start(this::run);
  }

  /**
   * Adds the event to the ring and queues it for the store, or drops it from the store if the
   * queue is full. Never waits for the disk.
   *
   * @throws IllegalStateException after {@link #close}: stop the capture before closing
   */
  @Override
  public void accept(CaptureEvent e) {
    long size = e.approximateBytes();
    CaptureGapEvent gap = null;
    lock.lock();
    try {
      if (closing) {
        throw new IllegalStateException("the store writer is closed; refused event " + e.seq());
      }
      accepted++;
      if (pausedFor != null) {
        drops.paused(size, Instant.now(), pausedFor);
        droppedEvents++;
        droppedBytes += size;
      } else if (queuedBytes + size > settings.maxQueuedBytes()) {
        drops.add(size, Instant.now(), storeFailure);
        droppedEvents++;
        droppedBytes += size;
      } else {
        enqueue(e, size);
        gap = recordGapIfDropped();
      }
    } finally {
      lock.unlock();
    }
    ring.add(e);
    if (gap != null) {
      publish(gap);
    }
  }

  /**
   * Stops storing the events accepted from now on, for {@code why} (said in the gap event that
   * reports them), until {@link #resume}. They still go to the ring, so live readers see them.
   */
  public void pause(String why) {
    Objects.requireNonNull(why, "why");
    lock.lock();
    try {
      if (pausedFor == null) {
        LOG.warn("capture paused, events are not stored: {}", why);
      }
      pausedFor = why;
    } finally {
      lock.unlock();
    }
  }

  /** Stores events again; the next one stored is preceded by the gap event for those that were not. */
  public void resume() {
    lock.lock();
    try {
      if (pausedFor != null) {
        LOG.info("capture resumed, events are stored again");
      }
      pausedFor = null;
    } finally {
      lock.unlock();
    }
  }

  /** Whether events are not stored now because of {@link #pause}. */
  public boolean paused() {
    lock.lock();
    try {
      return pausedFor != null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes everything queued (recording a last gap event if events were dropped since the last
   * one), then stops the writer thread. Gives up after {@code closeTimeout} if the store keeps
   * failing; {@link #stats} then says how many events were not written.
   */
  @Override
  public void close() {
    CaptureGapEvent gap;
    lock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      gap = recordGapIfDropped();
      work.signal();
    } finally {
      lock.unlock();
    }
    if (gap != null) {
      publish(gap);
    }
    awaitWriterThread();
  }

  public WriterStats stats() {
    lock.lock();
    try {
      return new WriterStats(accepted, written, droppedEvents, droppedBytes, gapsRecorded,
          accepted - written - droppedEvents, queuedBytes, peakQueuedBytes, batches,
          insertFailures, storeFailure);
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    try {
      while (true) {
        List<CaptureEvent> batch = nextBatch();
        if (batch == null) {
          return;
        }
        if (batch.isEmpty()) {
          writeUntilDone(store::writeLater, "the keys and search text of stored events");
          clearStoreFailure();
        } else {
          writeUntilDone(() -> store.insert(batch), batch.size() + " events");
          markWritten(batch);
        }
      }
    } catch (InterruptedException e) {
      // Only close() interrupts, when it gives up waiting; it reports what was not written.
    }
  }

  /**
   * The next batch to write, once one is due; empty when none is but the store's later writes are;
   * null when closing and everything is written.
   */
  private List<CaptureEvent> nextBatch() throws InterruptedException {
    lock.lock();
    try {
      long flushNanos = settings.flushInterval().toNanos();
      while (!closing && queue.size() < settings.batchSize()) {
        if (queue.isEmpty()) {
          long later = store.laterWritesDueInNanos();
          if (later == Long.MAX_VALUE) {
            work.await();
          } else if (later <= 0) {
            return List.of();
          } else {
            work.awaitNanos(later);
          }
        } else {
          // Due a flush interval after it was queued, or after the last batch if that is sooner:
          // an event after a quiet spell is written at once, and batches still come at most
          // once per interval.
          long left = Math.min(oldestQueuedAtNanos, lastBatchAtNanos) + flushNanos - System.nanoTime();
          if (left <= 0) {
            break;
          }
          work.awaitNanos(left);
        }
      }
      if (queue.isEmpty()) {
        // Closing: what the last batches left for later is written before the thread ends.
        return store.laterWritesDueInNanos() == Long.MAX_VALUE ? null : List.of();
      }
      int n = Math.min(queue.size(), settings.batchSize());
      lastBatchAtNanos = System.nanoTime();
      List<CaptureEvent> batch = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        batch.add(queue.poll());
      }
      // Events left behind keep the old time: they were queued after it, so it never makes them
      // wait longer than flushInterval, at worst it flushes them a little early.
      return batch;
    } finally {
      lock.unlock();
    }
  }

  private void writeUntilDone(Runnable write, String what) throws InterruptedException {
    long backoffMs = FIRST_RETRY_MS;
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (RuntimeException e) {
        countInsertFailure(e);
        // One stack trace per batch: a store that stays broken would otherwise flood the log.
        if (attempt == 1) {
          LOG.warn("writing {} to the store failed; retrying until it works", what, e);
        } else {
          LOG.warn("writing {} to the store failed again (attempt {}): {}", what, attempt, e.toString());
        }
        Thread.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, MAX_RETRY_MS);
      }
    }
  }

  private void markWritten(List<CaptureEvent> batch) {
    lock.lock();
    try {
      for (CaptureEvent e : batch) {
        queuedBytes -= e.approximateBytes();
        if (!unwrittenGaps.remove(e)) {
          written++;
        }
      }
      batches++;
      storeFailure = null;
    } finally {
      lock.unlock();
    }
  }

  private void clearStoreFailure() {
    lock.lock();
    try {
      storeFailure = null;
    } finally {
      lock.unlock();
    }
  }

  private void countInsertFailure(RuntimeException e) {
    lock.lock();
    try {
      insertFailures++;
      storeFailure = e.getMessage();
      drops.storeFailed(storeFailure);
    } finally {
      lock.unlock();
    }
  }

  /** Under lock. */
  private void enqueue(CaptureEvent e, long size) {
    if (queue.isEmpty()) {
      oldestQueuedAtNanos = System.nanoTime();
    }
    queue.add(e);
    queuedBytes += size;
    peakQueuedBytes = Math.max(peakQueuedBytes, queuedBytes);
    if (queue.size() == 1 || queue.size() == settings.batchSize()) {
      work.signal();
    }
  }

  /** Under lock. Queues a gap event for the drops since the last one, if any. */
  private CaptureGapEvent recordGapIfDropped() {
    if (drops.isEmpty()) {
      return null;
    }
    CaptureGapEvent gap = drops.takeGap(stamps, settings.maxQueuedBytes());
    // Past the bound if need be: the one event that reports the drops must not be dropped itself.
    enqueue(gap, gap.approximateBytes());
    unwrittenGaps.add(gap);
    gapsRecorded++;
    return gap;
  }

  private void publish(CaptureGapEvent gap) {
    LOG.warn("{}: dropped {} events ({} bytes) between {} and {}; recorded as capture_gap {}",
        gap.reason(), gap.droppedEvents(), gap.droppedBytes(), gap.firstDroppedAt(),
        gap.lastDroppedAt(), gap.seq());
    ring.add(gap);
  }

  private void awaitWriterThread() {
    try {
      if (!thread.join(settings.closeTimeout())) {
        thread.interrupt();
      }
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
    }
    long pending = stats().pendingEvents();
    if (pending > 0) {
      LOG.error("gave up writing to the store after {}: {} events were not written",
          settings.closeTimeout(), pending);
    }
  }
}
