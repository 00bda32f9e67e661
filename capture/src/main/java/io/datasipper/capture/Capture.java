package io.datasipper.capture;

import io.datasipper.api.event.EventSink;
import io.datasipper.api.event.EventStamps;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * A running capture: a browser connection whose traffic becomes events for an {@link EventSink}.
 * Lifecycle: {@link #launch} or {@link #attach}, then {@link #open} pages, then {@link #close}.
 */
public final class Capture implements AutoCloseable {

  private Capture() {}

  /** Starts Chromium over the pipe transport (no debugging port) and captures all of its targets. */
  public static Capture launch(LaunchOptions options, CaptureRules rules, EventStamps stamps, EventSink sink)
      throws CaptureException {
    throw new CaptureException("not implemented yet");
  }

  /** Attaches to a browser the user started with {@code --remote-debugging-port}. */
  public static Capture attach(URI cdpUrl, CaptureRules rules, EventStamps stamps, EventSink sink)
      throws CaptureException {
    throw new CaptureException("not implemented yet");
  }

  /** Opens a new tab at the URL. */
  public void open(String url) throws CaptureException {
    throw new CaptureException("not implemented yet");
  }

  /** Completes, with the reason, when the browser exits or the connection to it is lost. */
  public CompletableFuture<String> ended() {
    return new CompletableFuture<>();
  }

  /** Finishes what is in flight and closes the browser if this capture launched it. */
  @Override
  public void close() {}
}
