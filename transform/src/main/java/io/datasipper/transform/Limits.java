package io.datasipper.transform;

import java.time.Duration;

/**
 * What one event may cost a transform. Exceeding any limit fails that event, not the pipeline.
 *
 * @param timeout CPU time for one event, including turning the result into JSON; CPU time, so that a
 *     busy machine does not fail events, with a wall-clock backstop one second later for code that
 *     blocks
 * @param statementLimit JavaScript statements for one event; a runaway loop usually hits this first
 * @param maxAllocatedBytes bytes the transform's thread may allocate for one event; checked every
 *     few milliseconds, so it bounds a single event's heap use even when the timeout is long
 * @param maxHeapBytes heap the script may keep, in globals and closures, across events: measured
 *     by walking what its context retains whenever its thread has allocated enough to have crossed
 *     it (see {@link HeapWatch}); past it, the event running or the next one fails and the script
 *     is restarted, losing its globals
 * @param maxOutputNodes JSON values (objects, arrays, strings, numbers, ...) one event may emit
 * @param warmUpEvents how many events after the script is (re)loaded get {@link #warmUpTimeout()}
 *     instead of {@code timeout}: they run interpreted while GraalJS compiles, and each new code
 *     path loads classes and compiles regular expressions, which alone can take tens of ms
 */
public record Limits(Duration timeout, long statementLimit, long maxAllocatedBytes, long maxHeapBytes,
    int maxOutputNodes, int warmUpEvents) {

  public static final Limits DEFAULT =
      new Limits(Duration.ofMillis(50), 1_000_000, 256L << 20, 64L << 20, 100_000, 100);
  private static final Duration MIN_WARM_UP_TIMEOUT = Duration.ofSeconds(5);

  public Limits {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (statementLimit < 1 || maxAllocatedBytes < 1 || maxHeapBytes < 1 || maxOutputNodes < 1 || warmUpEvents < 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** The time for the script's top level and for the first {@code warmUpEvents}: 5 s at least. */
  public Duration warmUpTimeout() {
    return timeout.compareTo(MIN_WARM_UP_TIMEOUT) > 0 ? timeout : MIN_WARM_UP_TIMEOUT;
  }

  public Limits withTimeout(Duration timeout) {
    return new Limits(timeout, statementLimit, maxAllocatedBytes, maxHeapBytes, maxOutputNodes, warmUpEvents);
  }

  public Limits withStatementLimit(long statementLimit) {
    return new Limits(timeout, statementLimit, maxAllocatedBytes, maxHeapBytes, maxOutputNodes, warmUpEvents);
  }

  public Limits withMaxHeapBytes(long maxHeapBytes) {
    return new Limits(timeout, statementLimit, maxAllocatedBytes, maxHeapBytes, maxOutputNodes, warmUpEvents);
  }

  public Limits withWarmUpEvents(int warmUpEvents) {
    return new Limits(timeout, statementLimit, maxAllocatedBytes, maxHeapBytes, maxOutputNodes, warmUpEvents);
  }
}
