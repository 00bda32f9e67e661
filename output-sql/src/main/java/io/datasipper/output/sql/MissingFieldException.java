package io.datasipper.output.sql;

/** A template names a field that a record does not have: the record cannot be written as configured. */
final class MissingFieldException extends Exception {
  MissingFieldException(String message) {
    super(message);
  }
}
