package io.datasipper.bench;

import java.util.List;

/**
 * What one feed subscriber got in a run.
 *
 * @param slow whether it was the one slowed on purpose
 * @param messages the feed's messages it read
 * @param missed events the feed said it dropped for it
 * @param missedRuns how many {@code missed} messages it got
 * @param receivedPerStep the server's frames it got per step, each counted once
 * @param p50Ms latency from the server's send to the subscriber, over the last (measured) step
 * @param p99Ms the same, 99th percentile
 */
record SubscriberFigures(boolean slow, long messages, long missed, long missedRuns, List<Long> receivedPerStep,
    double p50Ms, double p99Ms) {
  long received() {
    return receivedPerStep.stream().mapToLong(Long::longValue).sum();
  }
}
