package io.datasipper.pipeline;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: waits of 0 to min(cap, base * 2^attempt), so outputs that
 * failed together do not all retry at the same moment.
 */
final class Backoff {
  private final long baseMs;
  private final long capMs;
  private int attempt;

  Backoff(long baseMs, long capMs) {
    this.baseMs = baseMs;
    this.capMs = capMs;
  }

  long nextDelayMs() {
    long ceiling = Math.min(capMs, baseMs << Math.min(attempt, 20));
    attempt++;
    return Math.max(1, ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  void reset() {
    attempt = 0;
  }
}
