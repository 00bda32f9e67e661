package io.datasipper.api.output;

/** A write that was started and is not confirmed yet: see {@link Output#startWrite}. */
@FunctionalInterface
public interface PendingWrite {

  /**
   * Waits until the destination has confirmed or refused the batch's records and says how many of
   * them, from the start of the batch, were delivered, as {@link Output#write} does. Throwing is
   * the same as {@code WriteResult.retry(0, error)}.
   */
  WriteResult await() throws Exception;
}
