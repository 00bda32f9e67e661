package io.datasipper.api.output;

import java.util.List;

/**
 * A destination for stream records (a file, a broker, a database). The pipeline owns batching,
 * retries, acknowledgements, dead letters and progress; an output only writes a batch and says how
 * much of it was delivered.
 *
 * <p>Lifecycle, in order: {@link #start} once; {@link #write} or {@link #startWrite} any number of
 * times, from one thread at a time; {@link #stop} once. Records of one stream arrive in order; an
 * output must not report a record delivered before the destination has it (written and flushed,
 * acknowledged by the broker).
 */
public interface Output {

  /** Connects to the destination. A failure here is retried by the pipeline with backoff. */
  void start() throws Exception;

  /**
   * Writes the records in order and reports how many of them, from the start of the batch, were
   * delivered. When not all were, the result says whether the first undelivered record should be
   * retried later or is refused for good (it then goes to the dead letters and the rest follows).
   * Throwing is the same as {@code WriteResult.retry(0, error)}.
   */
  WriteResult write(List<OutputRecord> batch) throws Exception;

  /**
   * Starts writing a batch and returns before the destination has confirmed it, for a destination
   * that confirms asynchronously (a broker's acknowledgements): the pipeline may then start the
   * next batches, up to {@link OutputFactory#maxWritesInFlight}, before it awaits this one, so the
   * destination never waits for the pipeline between writes. The pipeline awaits pending writes in
   * the order they were started. When one was not wholly delivered, the pipeline awaits the later
   * ones, counts none of their records delivered, and writes them again after the failed one:
   * records may then arrive twice, as at-least-once delivery allows.
   *
   * <p>The default writes the whole batch at once, as {@link #write}.
   */
  default PendingWrite startWrite(List<OutputRecord> batch) throws Exception {
    WriteResult result = write(batch);
    return () -> result;
  }

  /** Releases the connection. Called once, also after a failed start. */
  void stop();
}
