package io.datasipper.bench;

import java.util.List;

/**
 * One timed step of a bench's round: how long it took and how much it did (bytes, events, rows).
 *
 * @param amount what the step counts: the bench says what
 */
record Timing(long nanos, long amount) {
  double ms() {
    return nanos / 1e6;
  }

  /** The median time of the steps, in milliseconds. */
  static double medianMs(List<Timing> timings) {
    long[] sorted = timings.stream().mapToLong(Timing::nanos).sorted().toArray();
    int n = sorted.length;
    return (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0) / 1e6;
  }
}
