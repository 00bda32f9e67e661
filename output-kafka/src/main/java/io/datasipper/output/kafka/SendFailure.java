package io.datasipper.output.kafka;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/** What a failed send means for the record and for the producer. */
enum SendFailure {
  /** The record itself is refused (too large, bad topic): retrying cannot help, dead-letter it. */
  RECORD_REFUSED,
  /** The broker is away or slow (timeouts, no leader, not enough replicas): retry later. */
  TRANSIENT,
  /**
   * Neither the record's fault nor passing (authorization, a fenced or out-of-sequence producer):
   * retry later with a new producer, since Kafka's stays failed after such errors, and keep the
   * record: it would go through once the cause is fixed.
   */
  PRODUCER_BROKEN;

  static SendFailure of(Throwable error) {
    if (error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
        || error instanceof InvalidTopicException || error instanceof InvalidRecordException
        || error instanceof SerializationException) {
      return RECORD_REFUSED;
    }
    return error instanceof RetriableException ? TRANSIENT : PRODUCER_BROKEN;
  }
}
