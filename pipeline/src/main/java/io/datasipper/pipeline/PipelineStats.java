package io.datasipper.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.store.DeliveryLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of every stream and output, the same way for all of them: what came in, what went out,
 * what was dropped or failed, and the last error. Snapshots are JSON objects keyed
 * {@code stream:<name>} and {@code output:<name>}.
 *
 * <p>A stream counts each event once, however often it is read: a pipeline that replaces another
 * (a config reload) goes on with its counters and reads again the events whose delivery was not yet
 * confirmed, but does not count them again.
 */
public final class PipelineStats {
  /** How far behind the store an output may be before it counts as lagging. */
  static final Duration LAG_AFTER = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MIN_RECORD_GAP_NANOS = Duration.ofMillis(100).toNanos();

  private final Map<String, StreamCounters> streams = new ConcurrentHashMap<>();
  private final Map<String, OutputCounters> outputs = new ConcurrentHashMap<>();
  /** {nanoTime, highest stored seq} at each snapshot, oldest first, trimmed to what {@link #LAG_AFTER} needs. */
  private final ArrayDeque<long[]> storedSeqs = new ArrayDeque<>();

  /** Counters of one stream. */
  public static final class StreamCounters {
    /** The counters' names in {@link #putInto}'s reports, in its order. */
    public static final List<String> NAMES = List.of("matched", "transformed", "records", "dropped", "failed");

    final LongAdder matched = new LongAdder();
    final LongAdder transformed = new LongAdder();
    /** What the stream's outputs were given: a transform may make several records of one event. */
    final LongAdder records = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder failed = new LongAdder();
    final AtomicReference<String> lastError = new AtomicReference<>();
    /**
     * The highest seq whose events this stream has counted. Per stream: each stream with a
     * transform is read at its own pace, so one stream may have counted events another has not.
     */
    private final AtomicLong countedThrough = new AtomicLong();

    long countedThrough() {
      return countedThrough.get();
    }

    /** Says the stream counted its events up to {@code seq}. */
    void countedThrough(long seq) {
      countedThrough.accumulateAndGet(seq, Math::max);
    }

    public long matched() {
      return matched.sum();
    }

    public long transformed() {
      return transformed.sum();
    }

    /** Records made for the stream's outputs: one per event without a transform, what it returned with one. */
    public long records() {
      return records.sum();
    }

    public long dropped() {
      return dropped.sum();
    }

    public long failed() {
      return failed.sum();
    }

    /** Why the stream's last failed event failed, or why the stream stopped; null if nothing failed. */
    public String lastError() {
      return lastError.get();
    }

    /** Puts the counters into {@code n} under their {@link #NAMES}. */
    public ObjectNode putInto(ObjectNode n) {
      return n.put("matched", matched()).put("transformed", transformed()).put("records", records())
          .put("dropped", dropped()).put("failed", failed());
    }
  }

  /** Counters of one output. */
  public static final class OutputCounters {
    final LongAdder delivered = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder retries = new LongAdder();
    final AtomicLong cursor = new AtomicLong();
    final AtomicReference<String> health = new AtomicReference<>("starting");
    final AtomicReference<String> lastError = new AtomicReference<>();
    /** When the output retries next, while it waits between retries; else null. */
    final AtomicReference<Instant> nextRetryAt = new AtomicReference<>();
    /**
     * The catch-up stage the output is left to, while it reads the store on its own; else null. The
     * stage, not a flag: a catch-up stage of a closed pipeline that ends late must not clear what
     * the stage of the pipeline after it set.
     */
    final AtomicReference<Stage> catchUpStage = new AtomicReference<>();
    final RatePerMinute rate = new RatePerMinute();
    final LatencyHistogram latency = new LatencyHistogram();

    public long delivered() {
      return delivered.sum();
    }

    public long deadLettered() {
      return deadLettered.sum();
    }

    public long retries() {
      return retries.sum();
    }

    public String health() {
      return health.get();
    }

    public String lastError() {
      return lastError.get();
    }

    /** When the output retries next, while it waits between retries; null when it does not wait. */
    public Instant nextRetryAt() {
      return nextRetryAt.get();
    }

    /**
     * Whether the output fell behind its streams and reads the stored events on its own, until it
     * has caught up with the store and is read for with its streams again.
     */
    public boolean catchingUp() {
      return catchUpStage.get() != null;
    }

    /** The seq of the last event this output has taken: the stored events after it are pending. */
    public long cursor() {
      return cursor.get();
    }

    /** How long its delivered records took from capture to acknowledgement. */
    public LatencyHistogram latency() {
      return latency;
    }

    /** Counts {@code records} as delivered, acknowledged at {@code ackMillis} (Unix milliseconds). */
    void delivered(List<OutputRecord> records, long ackMillis) {
      delivered.add(records.size());
      rate.add(records.size());
      latency.recordAcknowledged(records, ackMillis);
    }

    /** Counts {@code n} records as delivered without timing them: dead letters sent back are late by choice. */
    void deliveredUntimed(int n) {
      delivered.add(n);
      rate.add(n);
    }
  }

  /** How many stored events could not be read back and were dead-lettered (see {@link Pipeline#UNREADABLE}). */
  public long unreadable() {
    StreamCounters c = streams.get(Pipeline.UNREADABLE); // not created here: only a stream with events is reported
    return c == null ? 0 : c.failed();
  }

  /** Why the last of the {@link #unreadable} events could not be read, or null. */
  public String lastUnreadable() {
    StreamCounters c = streams.get(Pipeline.UNREADABLE);
    return c == null ? null : c.lastError();
  }

  public StreamCounters stream(String name) {
    return streams.computeIfAbsent(name, k -> new StreamCounters());
  }

  public OutputCounters output(String name) {
    return outputs.computeIfAbsent(name, k -> new OutputCounters());
  }

  /** The streams of the pipelines counted so far, by name (a live view). */
  public Map<String, StreamCounters> streams() {
    return Collections.unmodifiableMap(streams);
  }

  /** The outputs counted so far, by name (a live view). */
  public Map<String, OutputCounters> outputs() {
    return Collections.unmodifiableMap(outputs);
  }

  /**
   * Each output's health as {@code streams stats} reports it: its own ({@code starting}, {@code ok},
   * {@code failing}, {@code stopped}), or {@code lagging} for one that is ok but has not taken
   * events stored {@link #LAG_AFTER} ago or earlier.
   *
   * @param maxStoredSeq the highest seq stored now
   */
  public synchronized Map<String, String> health(long maxStoredSeq) {
    long now = System.nanoTime();
    long laggingBelow = storedBefore(now - LAG_AFTER.toNanos(), maxStoredSeq, now);
    Map<String, String> out = new LinkedHashMap<>();
    outputs.forEach((name, c) -> out.put(name, health(c, laggingBelow)));
    return out;
  }

  private static String health(OutputCounters c, long laggingBelow) {
    return "ok".equals(c.health()) && c.cursor.get() < laggingBelow ? "lagging" : c.health();
  }

  /**
   * A saved snapshot as it holds now: as saved while a delivery runs, unless that delivery does not
   * run its stream or output ({@link DeliveryLedger.SavedStats#earlier}); else {@link #asEnded}.
   */
  public static String asSeenNow(DeliveryLedger.SavedStats saved, boolean deliveryRunning) {
    return deliveryRunning && !saved.earlier() ? saved.json() : asEnded(saved.json());
  }

  /**
   * A saved snapshot of {@link #snapshot} as it reads when no delivery runs: an output's health is
   * {@code stopped}, it is not catching up and no retry is due, whatever its process last saved (one
   * that was killed saved nothing at its end); its counts and last error stay. A stream's is
   * returned as it is.
   */
  public static String asEnded(String snapshot) {
    ObjectNode n;
    try {
      if (!(JSON.readTree(snapshot) instanceof ObjectNode o) || !o.has("output")) {
        return snapshot;
      }
      n = o;
    } catch (java.io.IOException e) {
      return snapshot; // a row edited by hand: shown as it is
    }
    return n.put("health", "stopped").put("catching_up", false).putNull("next_retry_at").toString();
  }

  /**
   * JSON snapshots; {@code pending} is how many stored events each output has still to take, and
   * {@code catching_up} whether it reads them on its own (see {@link OutputCounters#catchingUp}).
   */
  Map<String, String> snapshot(long maxStoredSeq) {
    return snapshot(maxStoredSeq, System.nanoTime());
  }

  /**
   * As {@link #snapshot(long)}, at {@code nowNanos}. An output whose health is {@code ok} is
   * reported {@code lagging} while it has not yet taken events that were stored {@link #LAG_AFTER}
   * ago or earlier: it works, but falls behind what is captured.
   */
  synchronized Map<String, String> snapshot(long maxStoredSeq, long nowNanos) {
    long laggingBelow = storedBefore(nowNanos - LAG_AFTER.toNanos(), maxStoredSeq, nowNanos);
    Map<String, String> out = new LinkedHashMap<>();
    streams.forEach((name, c) -> {
      ObjectNode n = c.putInto(JSON.createObjectNode().put("stream", name));
      n.put("last_error", c.lastError());
      out.put("stream:" + name, n.toString());
    });
    outputs.forEach((name, c) -> {
      String health = health(c, laggingBelow);
      ObjectNode n = JSON.createObjectNode().put("output", name).put("health", health)
          .put("catching_up", c.catchingUp())
          .put("delivered", c.delivered()).put("dead_lettered", c.deadLettered()).put("retries", c.retries())
          .put("pending_events", Math.max(0, maxStoredSeq - c.cursor.get()))
          .put("delivered_last_minute", c.rate.lastMinute());
      n.put("last_error", c.lastError());
      Instant retryAt = c.nextRetryAt();
      n.put("next_retry_at", retryAt == null ? null : retryAt.toString());
      out.put("output:" + name, n.toString());
    });
    return out;
  }

  /**
   * The highest seq stored at {@code atNanos} or earlier, as far as the snapshots taken so far
   * tell; 0 if none is that old. Records this snapshot's seq for the next ones.
   */
  private long storedBefore(long atNanos, long maxStoredSeq, long nowNanos) {
    long[] newestOldEnough = null;
    while (!storedSeqs.isEmpty() && storedSeqs.peekFirst()[0] <= atNanos) {
      newestOldEnough = storedSeqs.pollFirst();
    }
    if (newestOldEnough != null) {
      storedSeqs.addFirst(newestOldEnough); // still the answer until a newer one is old enough
    }
    long[] newest = storedSeqs.peekLast();
    // At most one a tenth of a second: health is also asked by API clients, as often as they like,
    // and what a skipped one would add (a higher seq, a little later) only comes 0.1 s sooner.
    if (newest == null || nowNanos - newest[0] >= MIN_RECORD_GAP_NANOS) {
      storedSeqs.addLast(new long[] {nowNanos, maxStoredSeq});
    }
    return newestOldEnough == null ? 0 : newestOldEnough[1];
  }

  /** How many {nanoTime, seq} pairs {@link #storedBefore} keeps now. */
  synchronized int storedSeqsKept() {
    return storedSeqs.size();
  }

  /** Counts per second over the last 60 seconds. */
  static final class RatePerMinute {
    private final long[] buckets = new long[60];
    private long bucketSecond = System.currentTimeMillis() / 1000;

    synchronized void add(long n) {
      advance();
      buckets[(int) (bucketSecond % 60)] += n;
    }

    synchronized long lastMinute() {
      advance();
      long sum = 0;
      for (long b : buckets) {
        sum += b;
      }
      return sum;
    }

    private void advance() {
      long now = System.currentTimeMillis() / 1000;
      for (long s = bucketSecond + 1; s <= now && s <= bucketSecond + 60; s++) {
        buckets[(int) (s % 60)] = 0;
      }
      bucketSecond = Math.max(bucketSecond, now);
    }
  }
}
