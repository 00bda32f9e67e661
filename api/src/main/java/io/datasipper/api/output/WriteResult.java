package io.datasipper.api.output;

import java.time.Duration;

/**
 * What {@link Output#write} achieved.
 *
 * @param delivered how many records, from the start of the batch, the destination has
 * @param outcome what became of the next record when not all were delivered
 * @param error why not, for logs, stats and dead letters
 * @param retryAfter for {@link Outcome#RETRY}: how long the destination asked to be left alone (an
 *     HTTP {@code Retry-After}, a broker's throttle time); the pipeline waits that long, at most
 *     {@link #MAX_RETRY_AFTER} and at least 100 ms, instead of its own backoff. Null: the pipeline's backoff decides.
 *     An output never sleeps for it itself: the pipeline shows the wait and a stop ends it.
 */
public record WriteResult(int delivered, Outcome outcome, String error, Duration retryAfter) {
  /** The longest the pipeline waits for a {@link #retryAfter}, whatever the destination asked. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

  public enum Outcome {
    /** Every record was delivered. */
    ALL_DELIVERED,
    /** The next record may succeed later (connection lost, 5xx, broker unavailable): retry it. */
    RETRY,
    /** The destination refused the next record for good (bad request, too large): dead-letter it. */
    REJECTED
  }

  public WriteResult {
    if (retryAfter != null && (outcome != Outcome.RETRY || retryAfter.isNegative())) {
      throw new IllegalArgumentException("only a retry can name a wait of 0 or more, not " + outcome + " after "
          + retryAfter);
    }
  }

  public WriteResult(int delivered, Outcome outcome, String error) {
    this(delivered, outcome, error, null);
  }

  public static WriteResult allDelivered(int count) {
    return new WriteResult(count, Outcome.ALL_DELIVERED, null);
  }

  public static WriteResult retry(int delivered, String error) {
    return new WriteResult(delivered, Outcome.RETRY, error);
  }

  /** A retry that the destination asked to make no sooner than {@code after} from now. */
  public static WriteResult retryAfter(int delivered, String error, Duration after) {
    return new WriteResult(delivered, Outcome.RETRY, error, after);
  }

  public static WriteResult rejected(int delivered, String error) {
    return new WriteResult(delivered, Outcome.REJECTED, error);
  }
}
