package io.datasipper.api.output;

/** A template names a field that a record does not have: the record cannot be written as configured. */
public final class MissingFieldException extends Exception {
  public MissingFieldException(String message) {
    super(message);
  }
}
