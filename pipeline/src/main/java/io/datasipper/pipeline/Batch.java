package io.datasipper.pipeline;

import io.datasipper.api.output.OutputRecord;
import java.util.List;

/**
 * What the stage hands an output worker: the records of a run of events for that output, and the
 * seq of the last event of the run. Once all records are delivered the output's cursor moves there,
 * even when the run held nothing for it.
 */
record Batch(List<OutputRecord> records, long lastSeq) {
  /** Tells a worker that no more batches will come. */
  static final Batch END = new Batch(List.of(), -1);
}
