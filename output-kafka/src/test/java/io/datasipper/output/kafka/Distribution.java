package io.datasipper.output.kafka;

import java.util.Arrays;

/** Percentiles of a set of latencies, in milliseconds (nearest rank). */
record Distribution(String name, int count, double p50, double p90, double p99, double p999, double max) {

  static Distribution of(String name, double[] millis) {
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Distribution(name, sorted.length, percentile(sorted, 50), percentile(sorted, 90),
        percentile(sorted, 99), percentile(sorted, 99.9), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
  }
}
