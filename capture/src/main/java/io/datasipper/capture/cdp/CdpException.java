package io.datasipper.capture.cdp;

/** The browser answered a command with an error, or the connection went away before it answered. */
public final class CdpException extends RuntimeException {
  public CdpException(String message) {
    super(message);
  }
}
