package io.datasipper.output.testkit;

import io.datasipper.pipeline.PipelineStats;
import io.datasipper.store.DeliveryLedger.DeadLetter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pipeline run delivered to the output under test ({@link OutputUnderTest#deliver}): its
 * counters, and the dead letters of the streams {@code frames} and {@code calls}.
 */
public record Delivery(PipelineStats.OutputCounters stats, List<DeadLetter> deadFrames, List<DeadLetter> deadCalls) {

  /** The dead letters of both streams, the frames' first. */
  public List<DeadLetter> deadLetters() {
    List<DeadLetter> all = new ArrayList<>(deadFrames);
    all.addAll(deadCalls);
    return all;
  }
}
