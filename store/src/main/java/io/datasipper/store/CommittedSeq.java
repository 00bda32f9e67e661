package io.datasipper.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The highest seq a store object has committed, for live readers in the same process to wait on:
 * they see new events as soon as they are written, where events written by other processes are only
 * seen by polling.
 */
final class CommittedSeq {
  private long highest;

  /** Records that events up to {@code seq} are committed, waking those waiting for it. */
  synchronized void advanceTo(long seq) {
    if (seq > highest) {
      highest = seq;
      notifyAll();
    }
  }

  /** Waits until a seq above {@code seq} is committed, or the timeout passes; true if one was. */
  synchronized boolean awaitAbove(long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (highest <= seq) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }
}
