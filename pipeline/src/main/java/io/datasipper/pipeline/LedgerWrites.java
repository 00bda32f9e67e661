package io.datasipper.pipeline;

import io.datasipper.store.UncheckedStoreException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to the delivery ledger (cursors, dead letters), retried until they succeed. What makes
 * them fail (a full disk, a database another process holds) passes; a thread that gave up would
 * stop delivery until the next start, or lose a dead letter.
 */
final class LedgerWrites {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerWrites.class);

  private LedgerWrites() {}

  /**
   * Runs the write until it succeeds or {@code stopping} says to give up.
   *
   * @param failing told the error of each failed attempt, to report it
   * @return false if it gave up: what it wrote is then left to the next run
   */
  static boolean untilDone(Runnable write, BooleanSupplier stopping, Consumer<String> failing)
      throws InterruptedException {
    Backoff backoff = new Backoff(100, 5_000);
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        if (attempt > 1) {
          LOG.info("the store can be written again");
        }
        return true;
      } catch (UncheckedStoreException e) {
        failing.accept(e.getMessage()); // which says it once
        if (stopping.getAsBoolean()) {
          return false;
        }
        Thread.sleep(backoff.nextDelayMs());
      }
    }
  }
}
