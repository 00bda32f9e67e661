package io.datasipper.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies, in milliseconds. All zero when nothing was measured. */
record LatencyStats(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs, double meanMs) {

  /** From the first {@code n} latencies (nanoseconds) of {@code nanos}, which it does not change. */
  static LatencyStats of(long[] nanos, int n) {
    if (n == 0) {
      return new LatencyStats(0, 0, 0, 0, 0, 0, 0);
    }
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    double sum = 0;
    for (long v : sorted) {
      sum += v;
    }
    return new LatencyStats(n, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
        ms(percentile(sorted, 99.9)), ms(sorted[n - 1]), sum / n / 1e6);
  }

  /** Nearest-rank percentile. */
  private static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
