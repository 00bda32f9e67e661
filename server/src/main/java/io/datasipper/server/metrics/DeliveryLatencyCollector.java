package io.datasipper.server.metrics;

import io.datasipper.pipeline.LatencyHistogram;
import io.datasipper.pipeline.PipelineStats;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code datasipper_output_delivery_latency_seconds{output}}: the pipeline's capture → acknowledged
 * histograms, exported as Prometheus histograms. The pipeline records into buckets of its own (it
 * knows nothing of Micrometer); this hands Prometheus the usual bounds among them, whose counts
 * are exact, rather than all of them.
 */
final class DeliveryLatencyCollector implements Collector {
  static final String NAME = "datasipper_output_delivery_latency_seconds";
  /** Seconds; each is one of the pipeline's bucket bounds (checked at start). */
  static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300,
      600, 1800, 3600};

  private final PipelineStats stats;

  DeliveryLatencyCollector(PipelineStats stats) {
    this.stats = stats;
    LatencyHistogram.Snapshot empty = new LatencyHistogram().snapshot();
    for (double bound : BOUNDS) {
      empty.countAtMost(bound); // refuses a bound that is not the pipeline's: here, not at the first scrape
    }
  }

  @Override
  public MetricSnapshot collect() {
    List<HistogramSnapshot.HistogramDataPointSnapshot> points = new ArrayList<>();
    stats.outputs().forEach((output, counters) -> points.add(point(output, counters.latency().snapshot())));
    return new HistogramSnapshot(new MetricMetadata(NAME,
        "Time from capture to the output's acknowledgement, per delivered record", Unit.SECONDS), points);
  }

  private static HistogramSnapshot.HistogramDataPointSnapshot point(String output, LatencyHistogram.Snapshot s) {
    double[] bounds = new double[BOUNDS.length + 1];
    long[] counts = new long[BOUNDS.length + 1]; // per bucket, not cumulative, as the model wants them
    long below = 0;
    for (int i = 0; i < BOUNDS.length; i++) {
      bounds[i] = BOUNDS[i];
      long atMost = s.countAtMost(BOUNDS[i]);
      counts[i] = atMost - below;
      below = atMost;
    }
    bounds[BOUNDS.length] = Double.POSITIVE_INFINITY;
    counts[BOUNDS.length] = s.count() - below;
    return new HistogramSnapshot.HistogramDataPointSnapshot(ClassicHistogramBuckets.of(bounds, counts),
        s.sumSeconds(), Labels.of("output", output), Exemplars.EMPTY, 0);
  }
}
