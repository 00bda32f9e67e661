package io.datasipper.server.metrics;

import io.datasipper.pipeline.PipelineStats;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events matched per stream per minute over the last hour, sampled from the pipeline's running
 * totals: the pipeline counts each event once and keeps no time series of its own, so the growth
 * of a stream's total between two samples is credited to the minute of the later one. Sampled every
 * few seconds (and before each report), a minute's count is off by at most those few seconds'
 * events at its edges. Thread-safe.
 */
final class StreamMinutes {
  private final PipelineStats stats;
  private final InstantSource clock;
  private final Map<String, Long> lastTotals = new HashMap<>();
  private final Map<String, MinuteSeries> series = new HashMap<>();

  StreamMinutes(PipelineStats stats, InstantSource clock) {
    this.stats = stats;
    this.clock = clock;
  }

  /** Credits each stream's growth since the last sample to the current minute. */
  synchronized void sample() {
    long now = clock.millis();
    stats.streams().forEach((name, counters) -> {
      long total = counters.matched();
      long grown = total - lastTotals.getOrDefault(name, 0L); // a stream first seen: all it counted so far
      lastTotals.put(name, total);
      if (grown > 0) {
        series.computeIfAbsent(name, k -> new MinuteSeries()).add(now, grown);
      }
    });
  }

  /** Events matched per minute over the last hour by stream, oldest minute first, sampled now. */
  synchronized Map<String, long[]> lastHour(long nowMillis) {
    sample();
    Map<String, long[]> out = new TreeMap<>();
    stats.streams().keySet().forEach(name ->
        out.put(name, series.computeIfAbsent(name, k -> new MinuteSeries()).lastHour(nowMillis)));
    return out;
  }
}
