package io.datasipper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

// On a thread of their own: a maker that never stops would otherwise hang the build, not fail it.
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadAheadTest {
  private static final int LOTS = 100_000;

  @Test
  void everythingMadeArrivesInOrderOnTheCallersThreadWhileTheMakingRunsOnAnother() {
    AtomicReference<Thread> maker = new AtomicReference<>();
    List<Long> taken = new ArrayList<>();
    Thread caller = Thread.currentThread();

    ReadAhead.<Long>run("maker", made -> {
      maker.set(Thread.currentThread());
      for (long n = 1; n <= LOTS; n++) {
        made.accept(n);
      }
    }, n -> {
      assertThat(Thread.currentThread()).isSameAs(caller);
      taken.add(n);
    }, n -> 8);

    assertThat(maker.get()).isNotSameAs(caller);
    assertThat(maker.get().isAlive()).as("the making thread is over when run returns").isFalse();
    assertThat(taken).hasSize(LOTS);
    for (int i = 0; i < LOTS; i++) {
      assertThat(taken.get(i)).isEqualTo(i + 1L);
    }
  }

  @Test
  void aFailedMakingReachesTheCallerAfterEverythingMadeBeforeIt() {
    IllegalStateException bad = new IllegalStateException("log.entries[700].request: missing");
    List<Long> taken = new ArrayList<>();

    assertThatThrownBy(() -> ReadAhead.<Long>run("maker", made -> {
      for (long n = 1; n <= 700; n++) {
        made.accept(n);
      }
      throw bad;
    }, taken::add, n -> 8)).isSameAs(bad);

    assertThat(taken).hasSize(700).endsWith(700L);
  }

  @Test
  void aFailedTakeStopsTheMakingAndReachesTheCaller() {
    IllegalStateException full = new IllegalStateException("the disk is full");
    AtomicLong madeSoFar = new AtomicLong();
    AtomicReference<Thread> maker = new AtomicReference<>();

    assertThatThrownBy(() -> ReadAhead.<Long>run("maker", made -> {
      maker.set(Thread.currentThread());
      // Would make for ever if the failed take did not stop it.
      for (long n = 1; n < Long.MAX_VALUE; n++) {
        made.accept(n);
        madeSoFar.set(n);
      }
    }, n -> {
      if (n == 1_000) {
        throw full;
      }
    }, n -> 8)).isSameAs(full);

    assertThat(maker.get().isAlive()).as("the making thread is over when run returns").isFalse();
    assertThat(madeSoFar.get()).as("made ahead of the failed take").isLessThan(1_000 + 4 * 256);
  }

  @Test
  void theMakingStaysABoundedNumberOfItemsAheadOfASlowTaker() {
    // Two batches of 256 queued, the one being taken and the one being filled.
    assertThat(mostMadeAhead(5_000, 500, 8)).isGreaterThan(256).isLessThanOrEqualTo(4 * 256);
  }

  @Test
  void largeItemsAreQueuedFewerAtATime() {
    // A quarter of the batch size each: four to a batch, so about sixteen ahead at most.
    assertThat(mostMadeAhead(500, 50, 256 * 1024)).isGreaterThan(4).isLessThanOrEqualTo(16);
  }

  /**
   * How far at most the making ran ahead of the taking, in items, with a taker that pauses after every
   * {@code pauseEvery} items: the maker has all the time it wants to run ahead then.
   */
  private static long mostMadeAhead(long items, long pauseEvery, long itemSize) {
    AtomicLong madeSoFar = new AtomicLong();
    long[] mostAhead = {0};
    ReadAhead.<Long>run("maker", made -> {
      for (long n = 1; n <= items; n++) {
        made.accept(n);
        madeSoFar.set(n);
      }
    }, n -> {
      mostAhead[0] = Math.max(mostAhead[0], madeSoFar.get() - n);
      if (n % pauseEvery == 0) {
        sleep();
      }
    }, n -> itemSize);
    return mostAhead[0];
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
