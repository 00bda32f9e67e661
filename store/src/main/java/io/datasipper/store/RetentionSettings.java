package io.datasipper.store;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How much a data directory keeps: events for at most {@code maxAge} and {@code maxBytes}, dead
 * letters and the browser's log within limits of their own. A zero limit is off.
 *
 * @param maxAge events captured longer ago are deleted (once every output that is delivering has them)
 * @param maxBytes the most the store's database may hold; past it the oldest events are deleted
 * @param whenFull what happens when only events an output has not delivered are left to delete
 * @param deadLettersMaxAge dead letters recorded longer ago are deleted
 * @param deadLettersMaxCount the most dead letters kept; past it the oldest are deleted
 * @param chromiumLogMaxBytes past this, {@code chromium.log} is moved to {@code chromium.log.1} and started again
 */
public record RetentionSettings(Duration maxAge, long maxBytes, WhenFull whenFull, Duration deadLettersMaxAge,
    long deadLettersMaxCount, long chromiumLogMaxBytes) {

  /** What the sweep does when the cap is reached and the oldest events are undelivered. */
  public enum WhenFull {
    /** Delete them anyway, counting each per output that had not delivered it. */
    DROP_OLDEST,
    /** Delete nothing undelivered; stop storing new events until the outputs catch up. */
    PAUSE_CAPTURE;

    /** The name in the config file. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RetentionSettings {
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(whenFull, "whenFull");
    Objects.requireNonNull(deadLettersMaxAge, "deadLettersMaxAge");
    if (maxAge.isNegative() || deadLettersMaxAge.isNegative() || maxBytes < 0 || deadLettersMaxCount < 0
        || chromiumLogMaxBytes < 0) {
      throw new IllegalArgumentException("retention limits must not be negative: " + maxAge + ", " + maxBytes
          + ", " + deadLettersMaxAge + ", " + deadLettersMaxCount + ", " + chromiumLogMaxBytes);
    }
  }

  /** Events for 7 days and 500 MiB, dropping the oldest; dead letters for 30 days, at most 100,000; a 10 MiB log. */
  public static RetentionSettings defaults() {
    return new RetentionSettings(Duration.ofDays(7), 500L << 20, WhenFull.DROP_OLDEST, Duration.ofDays(30), 100_000,
        10L << 20);
  }

  /** Nothing is ever deleted. */
  public static RetentionSettings off() {
    return new RetentionSettings(Duration.ZERO, 0, WhenFull.DROP_OLDEST, Duration.ZERO, 0, 0);
  }

  public RetentionSettings withMaxAge(Duration d) {
    return new RetentionSettings(d, maxBytes, whenFull, deadLettersMaxAge, deadLettersMaxCount, chromiumLogMaxBytes);
  }

  public RetentionSettings withMaxBytes(long bytes) {
    return new RetentionSettings(maxAge, bytes, whenFull, deadLettersMaxAge, deadLettersMaxCount, chromiumLogMaxBytes);
  }

  public RetentionSettings withWhenFull(WhenFull w) {
    return new RetentionSettings(maxAge, maxBytes, w, deadLettersMaxAge, deadLettersMaxCount, chromiumLogMaxBytes);
  }

  public RetentionSettings withDeadLetters(Duration age, long count) {
    return new RetentionSettings(maxAge, maxBytes, whenFull, age, count, chromiumLogMaxBytes);
  }

  public RetentionSettings withChromiumLogMaxBytes(long bytes) {
    return new RetentionSettings(maxAge, maxBytes, whenFull, deadLettersMaxAge, deadLettersMaxCount, bytes);
  }
}
