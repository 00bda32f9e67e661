package io.datasipper.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Sends at an exact average rate: on every millisecond tick it sends, in one small burst, the frames
 * that are due since the start (frame i is due at i / rate seconds). A late tick is caught up by
 * the next one, so the count per second stays exact even when the thread is descheduled.
 */
final class Pacer {
  private static final long TICK_NANOS = 1_000_000;

  /** Sends the frame with this index. */
  @FunctionalInterface
  interface Send {
    void send(long index);
  }

  /**
   * @param sent how many frames were sent: {@code count} unless the deadline cut the run short
   * @param startNanos when pacing started
   * @param endNanos when the last frame was sent
   */
  record Outcome(long sent, long startNanos, long endNanos) {
    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }
  }

  private Pacer() {}

  /** Sends {@code count} frames at {@code ratePerSecond}, giving up at {@code maxNanos} after the start. */
  static Outcome run(int ratePerSecond, long count, long maxNanos, Send send) {
    long start = System.nanoTime();
    long sent = 0;
    long end = start;
    // Bounded by count (each pass sends what is due) and by time (maxNanos).
    while (sent < count) {
      long now = System.nanoTime();
      if (now - start > maxNanos) {
        break;
      }
      long due = Math.min(count, (now - start) * ratePerSecond / 1_000_000_000L);
      while (sent < due) {
        send.send(sent++);
      }
      end = System.nanoTime();
      // To the next millisecond boundary: a late tick is not followed by a spin through missed ones.
      LockSupport.parkNanos(TICK_NANOS - (end - start) % TICK_NANOS);
    }
    return new Outcome(sent, start, end);
  }
}
