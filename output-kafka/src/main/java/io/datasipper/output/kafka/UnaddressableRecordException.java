package io.datasipper.output.kafka;

/** A record lacks what its topic or key is made from: Kafka never gets it, it is dead-lettered. */
final class UnaddressableRecordException extends Exception {
  UnaddressableRecordException(String message) {
    super(message);
  }
}
