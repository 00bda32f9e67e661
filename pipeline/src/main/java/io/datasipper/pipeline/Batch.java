package io.datasipper.pipeline;

import io.datasipper.api.output.OutputRecord;
import java.util.List;

/**
 * What a stage hands an output worker: the records of a run of events for that output, the seq of
 * the last event of the run, and which stage read them. Once all records are delivered the stage's
 * part of the output's cursor moves there, even when the run held nothing for it.
 */
record Batch(List<OutputRecord> records, long lastSeq, int stage) {
  /** Tells a worker that one of its stages sends no more batches. */
  static final Batch END = new Batch(List.of(), -1, -1);
}
