package io.datasipper.pipeline;

import java.util.Arrays;

/**
 * How far each stage feeding one output has had its records delivered there. The stages go at
 * their own pace and each one's batches keep their order, so the output's cursor, the seq before
 * which nothing is pending, is the lowest of them. Used by the output's worker thread alone.
 */
final class StageProgress {
  /** In a progress note: this stage does not move. */
  static final long NO_ADVANCE = -1;

  /** Per stage number: the seq through which that stage's records are delivered; MAX_VALUE if it feeds none here. */
  private long[] deliveredThrough = new long[0];
  private int feeders;
  private int endsTaken;

  /** Says that stage {@code stage} sends batches, starting after {@code startCursor}. */
  void feedFrom(int stage, long startCursor) {
    if (stage >= deliveredThrough.length) {
      int from = deliveredThrough.length;
      deliveredThrough = Arrays.copyOf(deliveredThrough, stage + 1);
      Arrays.fill(deliveredThrough, from, stage + 1, Long.MAX_VALUE);
    }
    deliveredThrough[stage] = startCursor;
    feeders++;
  }

  /** Counts an {@link Batch#END}; true once every feeding stage sent one. */
  boolean endTaken() {
    return ++endsTaken >= feeders;
  }

  /** A progress note that moves no stage, for {@link #note} to fill. */
  long[] noteOfNothing() {
    long[] advanceTo = new long[deliveredThrough.length];
    Arrays.fill(advanceTo, NO_ADVANCE);
    return advanceTo;
  }

  /** Notes in {@code advanceTo} that the batch's stage gets through its last seq once its records are delivered. */
  static void note(long[] advanceTo, Batch batch) {
    advanceTo[batch.stage()] = batch.lastSeq(); // a stage's batches come in order: its latest counts
  }

  /**
   * Moves each stage as the note says, once its records are delivered.
   *
   * @return the seq every stage has delivered through; MAX_VALUE if no stage feeds here
   */
  long advance(long[] advanceTo) {
    long lowest = Long.MAX_VALUE;
    for (int stage = 0; stage < deliveredThrough.length; stage++) {
      if (advanceTo[stage] != NO_ADVANCE && deliveredThrough[stage] != Long.MAX_VALUE) {
        deliveredThrough[stage] = Math.max(deliveredThrough[stage], advanceTo[stage]);
      }
      lowest = Math.min(lowest, deliveredThrough[stage]);
    }
    return lowest;
  }
}
