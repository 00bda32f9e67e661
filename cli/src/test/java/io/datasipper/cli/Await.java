package io.datasipper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what another process or thread does, for a bounded time. */
final class Await {
  private Await() {}

  /** Returns once {@code condition} holds; fails naming {@code what} if it does not within {@code limit}. */
  static void until(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting: %s", what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
