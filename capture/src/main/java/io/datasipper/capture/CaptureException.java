package io.datasipper.capture;

/** The capture could not start or continue; the message is meant for the user. */
public class CaptureException extends Exception {
  public CaptureException(String message) {
    super(message);
  }

  public CaptureException(String message, Throwable cause) {
    super(message, cause);
  }
}
