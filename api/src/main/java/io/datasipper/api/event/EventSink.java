package io.datasipper.api.event;

/**
 * Receives events as they are made. Called from the thread that reads from the browser, so an
 * implementation must return quickly and never block on I/O.
 */
@FunctionalInterface
public interface EventSink {
  void accept(CaptureEvent event);
}
