package io.datasipper.pipeline;

import io.datasipper.api.event.EventStamps;
import io.datasipper.api.output.OutputRecord;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How long the records an output delivered took from capture to acknowledgement, counted in fixed
 * buckets: the form a Prometheus histogram exports as it is, and from which percentiles are read to
 * within one bucket. Bounded (a fixed array whatever the traffic) and cheap to record into (one
 * uncontended atomic increment a record), so that delivery does not slow down for it.
 *
 * <p>A bucket's upper bound is at most 25% above the one before, from 1 ms to 1 hour; the buckets
 * include the bounds Prometheus users expect (1, 2.5, 5 ms ... 1, 2.5, 5, 10, 30, 60 s ... 1 h).
 * Recorded from any thread; read from any thread.
 */
public final class LatencyHistogram {
  /** Upper bounds of the buckets, in microseconds; one more bucket counts what is above the last. */
  private static final long[] BOUNDS_MICROS = bounds();
  private static final double[] BOUNDS_SECONDS =
      Arrays.stream(BOUNDS_MICROS).mapToDouble(us -> us / 1e6).toArray();

  private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_MICROS.length + 1);
  private final AtomicLong sumMillis = new AtomicLong();
  private final AtomicLong maxMillis = new AtomicLong();

  private static long[] bounds() {
    // 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 in each decade from 1 ms to 750 s, then 1000 s, 30 and 60 min.
    long[] perDecade = {100, 125, 150, 200, 250, 300, 400, 500, 600, 750};
    long[] out = new long[60 + 3];
    int i = 0;
    for (long decade = 10; decade <= 1_000_000; decade *= 10) { // times perDecade: microseconds
      for (long m : perDecade) {
        out[i++] = m * decade;
      }
    }
    out[i++] = 1_000_000_000L;
    out[i++] = 1_800_000_000L;
    out[i] = 3_600_000_000L;
    return out;
  }

  /** Records one latency; a negative one (the clock was set back) counts as 0. */
  public void record(long latencyMillis) {
    long ms = Math.max(0, latencyMillis);
    counts.incrementAndGet(bucketOf(ms));
    sumMillis.addAndGet(ms);
    maxMillis.accumulateAndGet(ms, Math::max);
  }

  /**
   * Records the latency of each record acknowledged at {@code ackMillis}: from when the capture
   * made its event ({@link EventStamps#createdAtMillis}) to then. Records whose event was not made
   * by a capture (its id tells no time) are left out.
   */
  void recordAcknowledged(List<OutputRecord> records, long ackMillis) {
    long sum = 0;
    long max = -1;
    // A batch's records were mostly captured moments apart: runs of them fall in one bucket, which
    // is added to once a run rather than searched for and incremented once a record.
    int runBucket = -1;
    long runCount = 0;
    long runAboveMicros = 0;
    long runUpToMicros = -1;
    for (OutputRecord r : records) {
      long made = EventStamps.createdAtMillis(r.eventId());
      if (made < 0) {
        continue;
      }
      long ms = Math.max(0, ackMillis - made);
      sum += ms;
      max = Math.max(max, ms);
      long micros = ms * 1000;
      if (micros <= runUpToMicros && micros > runAboveMicros) {
        runCount++;
        continue;
      }
      if (runCount > 0) {
        counts.addAndGet(runBucket, runCount);
      }
      runBucket = bucketOf(ms);
      runCount = 1;
      runUpToMicros = runBucket < BOUNDS_MICROS.length ? BOUNDS_MICROS[runBucket] : Long.MAX_VALUE;
      runAboveMicros = runBucket == 0 ? Long.MIN_VALUE : BOUNDS_MICROS[runBucket - 1];
    }
    if (runCount > 0) {
      counts.addAndGet(runBucket, runCount);
    }
    if (max >= 0) { // once a batch, not once a record
      sumMillis.addAndGet(sum);
      maxMillis.accumulateAndGet(max, Math::max);
    }
  }

  private static int bucketOf(long millis) {
    int at = Arrays.binarySearch(BOUNDS_MICROS, millis * 1000);
    return at >= 0 ? at : -at - 1; // not found: the first bound above it
  }

  /** The counts now. */
  public Snapshot snapshot() {
    long[] c = new long[counts.length()];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts.get(i);
    }
    return new Snapshot(c, sumMillis.get() / 1e3, maxMillis.get() / 1e3);
  }

  /**
   * The histogram at one moment.
   *
   * @param counts per bucket, in the order of {@link #upperBoundsSeconds}, then the count above the last
   * @param sumSeconds the latencies added up
   * @param maxSeconds the longest latency recorded; 0 when none was
   */
  public record Snapshot(long[] counts, double sumSeconds, double maxSeconds) {
    /** The buckets' upper bounds (inclusive), in seconds, ascending. */
    public static double[] upperBoundsSeconds() {
      return BOUNDS_SECONDS.clone();
    }

    /** How many latencies were recorded. */
    public long count() {
      long n = 0;
      for (long c : counts) {
        n += c;
      }
      return n;
    }

    /**
     * How many latencies were at most {@code upperBoundSeconds}, one of {@link #upperBoundsSeconds}.
     *
     * @throws IllegalArgumentException if it is not one of them: the count would be a guess
     */
    public long countAtMost(double upperBoundSeconds) {
      int at = Arrays.binarySearch(BOUNDS_SECONDS, upperBoundSeconds);
      if (at < 0) {
        throw new IllegalArgumentException("upper bound " + upperBoundSeconds + " s is not a bucket bound; use one of "
            + Arrays.toString(BOUNDS_SECONDS));
      }
      long n = 0;
      for (int i = 0; i <= at; i++) {
        n += counts[i];
      }
      return n;
    }

    /**
     * The latency, in seconds, that a fraction {@code q} of the recorded ones did not exceed,
     * interpolated within its bucket (so within 25% of the true value); above the last bound, the
     * longest recorded. NaN when none was recorded.
     *
     * @param q in [0, 1], e.g. 0.99 for the 99th percentile
     */
    public double percentile(double q) {
      if (!(q >= 0 && q <= 1)) {
        throw new IllegalArgumentException("percentile " + q + " is not between 0 and 1");
      }
      long total = count();
      if (total == 0) {
        return Double.NaN;
      }
      double rank = Math.max(1, Math.ceil(q * total)); // the rank-th smallest latency
      long below = 0;
      for (int i = 0; i < counts.length; i++) {
        if (below + counts[i] >= rank) {
          if (i == BOUNDS_SECONDS.length) {
            return maxSeconds;
          }
          double lower = i == 0 ? 0 : BOUNDS_SECONDS[i - 1];
          double upper = Math.min(BOUNDS_SECONDS[i], Math.max(lower, maxSeconds));
          return lower + (upper - lower) * (rank - below) / counts[i];
        }
        below += counts[i];
      }
      return maxSeconds; // not reached: the ranks add up to the total
    }
  }
}
