package io.datasipper.store;

/**
 * Reading or writing an open store failed (disk full, I/O error, a database another program
 * damaged). Unchecked so that {@link EventStore#insert}, {@link EventStore#query} and the other
 * methods can be used from lambdas and sinks; the cause is always a {@link StoreException}.
 */
public final class UncheckedStoreException extends RuntimeException {
  public UncheckedStoreException(StoreException cause) {
    super(cause.getMessage(), cause);
  }

  @Override
  public synchronized StoreException getCause() {
    return (StoreException) super.getCause();
  }
}
