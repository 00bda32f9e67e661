package io.datasipper.capture;

/**
 * A Chromium on its way up. {@link Capture#startBrowser} starts it and returns at once, since the
 * browser takes about a second to answer: the caller gets the rest of its start-up done meanwhile,
 * then captures from it with {@link Capture#launch(StartingBrowser, CaptureRules,
 * io.datasipper.api.event.EventStamps, io.datasipper.api.event.EventSink)}. A browser that could not
 * be started says why there. Closing stops the browser unless a capture took it.
 */
public final class StartingBrowser implements AutoCloseable {
  private final ChromiumProcess process;
  private final CaptureException failure;
  private boolean taken;

  private StartingBrowser(ChromiumProcess process, CaptureException failure) {
    this.process = process;
    this.failure = failure;
  }

  static StartingBrowser start(LaunchOptions options) {
    try {
      return new StartingBrowser(ChromiumProcess.start(options), null);
    } catch (CaptureException e) {
      return new StartingBrowser(null, e);
    }
  }

  /** The process, for the capture that takes it over; throws why it did not start. */
  synchronized ChromiumProcess take() throws CaptureException {
    if (failure != null) {
      throw new CaptureException(failure.getMessage(), failure);
    }
    if (taken) {
      throw new IllegalStateException("this browser is already captured or closed");
    }
    taken = true;
    return process;
  }

  @Override
  public synchronized void close() {
    if (!taken && process != null) {
      taken = true;
      process.stop(0);
    }
  }
}
