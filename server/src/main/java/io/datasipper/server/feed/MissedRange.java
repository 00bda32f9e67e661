package io.datasipper.server.feed;

/**
 * Events dropped for a client whose queue was full, in a row: the client is told {@code {"missed":
 * N, "from_seq": ..., "to_seq": ...}} where they would have been. Grows while it is the last item
 * of the queue; changed and read under the queue's lock only.
 */
final class MissedRange implements QueueItem {
  private long count;
  private long fromSeq;
  private long toSeq;

  MissedRange(long seq) {
    count = 1;
    fromSeq = seq;
    toSeq = seq;
  }

  void add(long seq) {
    count++;
    fromSeq = Math.min(fromSeq, seq);
    toSeq = Math.max(toSeq, seq);
  }

  long count() {
    return count;
  }

  long fromSeq() {
    return fromSeq;
  }

  long toSeq() {
    return toSeq;
  }
}
