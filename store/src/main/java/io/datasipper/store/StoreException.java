package io.datasipper.store;

/** The event store could not be opened or used; the message is fit to show to a user as is. */
public final class StoreException extends Exception {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
