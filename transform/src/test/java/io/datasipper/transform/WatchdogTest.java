package io.datasipper.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchdogTest {

  /** A guard over one event that runs on {@code runner} until stopped; budgets in nanoseconds. */
  private record Event(Thread runner, long cpuBudgetNanos, long wallBudgetNanos,
      CompletableFuture<Watchdog.Reason> stopped) implements Watchdog.Guard {
    @Override
    public long runningEvent() {
      return stopped.isDone() ? 0 : 7;
    }

    @Override
    public long maxAllocatedBytes() {
      return Long.MAX_VALUE;
    }

    @Override
    public void stop(long event, Watchdog.Reason reason) {
      assertThat(event).isEqualTo(7);
      stopped.complete(reason);
    }
  }

  @Test
  void anEventThatBlocksWithoutUsingCpuIsStoppedOnceItsWallClockBudgetIsSpent() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    Thread blocked = Thread.ofPlatform().daemon().start(() -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    CompletableFuture<Watchdog.Reason> stopped = new CompletableFuture<>();
    long wallBudget = TimeUnit.MILLISECONDS.toNanos(50);
    try (Watchdog watchdog = new Watchdog()) {
      long start = System.nanoTime();
      watchdog.watch(new Event(blocked, Long.MAX_VALUE, wallBudget, stopped));
      assertThat(stopped.get(5, TimeUnit.SECONDS)).isEqualTo(Watchdog.Reason.WALL_TIME);
      assertThat(System.nanoTime() - start).as("not before its budget was spent").isGreaterThan(wallBudget);
    } finally {
      never.countDown();
    }
  }

  @Test
  void anEventThatKeepsACoreBusyIsStoppedOnceItsCpuBudgetIsSpent() throws Exception {
    CompletableFuture<Watchdog.Reason> stopped = new CompletableFuture<>();
    Thread spinning = Thread.ofPlatform().daemon().start(() -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // bounded, whatever happens
      while (!stopped.isDone() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    });
    try (Watchdog watchdog = new Watchdog()) {
      watchdog.watch(new Event(spinning, TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.SECONDS.toNanos(30), stopped));
      assertThat(stopped.get(5, TimeUnit.SECONDS)).isEqualTo(Watchdog.Reason.CPU_TIME);
    }
    spinning.join(TimeUnit.SECONDS.toMillis(10));
  }
}
