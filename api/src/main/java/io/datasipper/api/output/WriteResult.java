package io.datasipper.api.output;

/**
 * What {@link Output#write} achieved.
 *
 * @param delivered how many records, from the start of the batch, the destination has
 * @param outcome what became of the next record when not all were delivered
 * @param error why not, for logs, stats and dead letters
 */
public record WriteResult(int delivered, Outcome outcome, String error) {

  public enum Outcome {
    /** Every record was delivered. */
    ALL_DELIVERED,
    /** The next record may succeed later (connection lost, 5xx, broker unavailable): retry it. */
    RETRY,
    /** The destination refused the next record for good (bad request, too large): dead-letter it. */
    REJECTED
  }

  public static WriteResult allDelivered(int count) {
    return new WriteResult(count, Outcome.ALL_DELIVERED, null);
  }

  public static WriteResult retry(int delivered, String error) {
    return new WriteResult(delivered, Outcome.RETRY, error);
  }

  public static WriteResult rejected(int delivered, String error) {
    return new WriteResult(delivered, Outcome.REJECTED, error);
  }
}
