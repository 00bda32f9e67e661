package io.datasipper.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command learns it is to stop: Ctrl-C or SIGTERM (through a shutdown hook), or
 * something of its own (a browser that exits). The hook holds the JVM until the command has closed
 * this, at most a minute, so that it can flush, deliver and report before the process ends.
 */
final class StopSignal implements AutoCloseable {
  private static final Duration REPORT_TIME = Duration.ofSeconds(60);
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private StopSignal() {
    hook = new Thread(() -> {
      stop.countDown();
      awaitQuietly(finished, REPORT_TIME);
    }, "datasipper-shutdown");
  }

  /** Starts listening for Ctrl-C and SIGTERM. */
  static StopSignal install() {
    StopSignal signal = new StopSignal();
    Runtime.getRuntime().addShutdownHook(signal.hook);
    return signal;
  }

  /** Asks the command to stop, as a signal would. */
  void stop() {
    stop.countDown();
  }

  /** Whether the command has been asked to stop. */
  boolean stopping() {
    return stop.getCount() == 0;
  }

  /** Waits until asked to stop or {@code limit} has passed (null: no limit). */
  void await(Duration limit) {
    awaitQuietly(stop, limit);
  }

  /** The command has stopped and reported: a signal's hook lets the JVM end. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting because of a signal: the hook is running and waits for us
    }
  }

  private static void awaitQuietly(CountDownLatch latch, Duration limit) {
    try {
      if (limit == null) {
        latch.await();
      } else {
        latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
