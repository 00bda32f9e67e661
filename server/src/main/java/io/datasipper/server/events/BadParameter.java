package io.datasipper.server.events;

/** A request parameter that cannot be used; the message names it and its value. Answered with 400. */
final class BadParameter extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadParameter(String message) {
    super(message, null, false, false);
  }
}
