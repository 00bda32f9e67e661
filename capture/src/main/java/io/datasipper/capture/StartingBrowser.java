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
  /**
   * Stops the browser if the JVM exits before a capture took it (Ctrl-C or SIGTERM while the rest
   * starts up): the browser runs in a session of its own, so nothing else would end it.
   */
  private final Thread stopOnExit;
  private boolean taken;

  private StartingBrowser(ChromiumProcess process, CaptureException failure) {
    this.process = process;
    this.failure = failure;
    this.stopOnExit = new Thread(this::close, "datasipper-browser-start");
  }

  static StartingBrowser start(LaunchOptions options) {
    StartingBrowser browser;
    try {
      browser = new StartingBrowser(ChromiumProcess.start(options), null);
    } catch (CaptureException e) {
      return new StartingBrowser(null, e);
    }
    Runtime.getRuntime().addShutdownHook(browser.stopOnExit);
    return browser;
  }

  /** The process, for the capture that takes it over; throws why it did not start. */
  synchronized ChromiumProcess take() throws CaptureException {
    if (failure != null) {
      throw new CaptureException(failure.getMessage(), failure);
    }
    if (taken) {
      throw new CaptureException("the browser was stopped before the capture could start: DataSipper is stopping");
    }
    taken = true;
    forgetHook();
    return process;
  }

  @Override
  public synchronized void close() {
    if (!taken && process != null) {
      taken = true;
      process.stop(0);
    }
    forgetHook();
  }

  private void forgetHook() {
    if (process == null || Thread.currentThread() == stopOnExit) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException exiting) {
      // The JVM is exiting: the hook runs, and finds the browser taken or stops it.
    }
  }
}
