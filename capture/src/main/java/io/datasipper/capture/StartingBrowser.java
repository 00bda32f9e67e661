package io.datasipper.capture;

import java.util.concurrent.CompletableFuture;

/**
 * A Chromium on its way up. {@link Capture#startBrowser} starts it and returns at once, since the
 * browser takes about a second to answer: the caller gets the rest of its start-up done meanwhile,
 * then captures from it with {@link Capture#launch(StartingBrowser, CaptureRules,
 * io.datasipper.api.event.EventStamps, io.datasipper.api.event.EventSink)}. A browser that could not
 * be started says why there. Closing stops the browser unless a capture took it.
 */
public final class StartingBrowser implements AutoCloseable {
  /**
   * The process, once spawned. The first {@link ProcessBuilder#start} of a JVM looks up the JDK's
   * own logger after the process runs, and that lookup opens every jar of the class path: about
   * 0.1 s of a cold start, done on a thread of its own so that it holds up nothing else.
   */
  private final CompletableFuture<ChromiumProcess> spawned = new CompletableFuture<>();
  /**
   * Stops the browser if the JVM exits before a capture took it (Ctrl-C or SIGTERM while the rest
   * starts up): the browser runs in a session of its own, so nothing else would end it.
   */
  private final Thread stopOnExit = new Thread(this::close, "datasipper-browser-start");
  private boolean taken;

  private StartingBrowser() {}

  static StartingBrowser start(LaunchOptions options) {
    StartingBrowser browser = new StartingBrowser();
    Runtime.getRuntime().addShutdownHook(browser.stopOnExit);
    Thread.ofPlatform().name("datasipper-browser-spawn").daemon().start(() -> {
      try {
        browser.spawned.complete(ChromiumProcess.start(options));
      } catch (CaptureException | RuntimeException e) {
        browser.spawned.completeExceptionally(e);
      }
    });
    return browser;
  }

  /** The process, for the capture that takes it over; throws why it did not start. */
  synchronized ChromiumProcess take() throws CaptureException {
    if (taken) {
      throw new CaptureException("the browser was stopped before the capture could start: DataSipper is stopping");
    }
    taken = true;
    forgetHook();
    return awaitSpawned();
  }

  private ChromiumProcess awaitSpawned() throws CaptureException {
    try {
      return spawned.join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw cause instanceof CaptureException c ? new CaptureException(c.getMessage(), c)
          : new CaptureException("cannot start Chromium: " + cause.getMessage(), cause);
    }
  }

  @Override
  public synchronized void close() {
    if (!taken) {
      taken = true;
      try {
        awaitSpawned().stop(0);
      } catch (CaptureException e) {
        // Never started: nothing to stop.
      }
    }
    forgetHook();
  }

  private void forgetHook() {
    if (Thread.currentThread() == stopOnExit) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException exiting) {
      // The JVM is exiting: the hook runs, and finds the browser taken or stops it.
    }
  }
}
