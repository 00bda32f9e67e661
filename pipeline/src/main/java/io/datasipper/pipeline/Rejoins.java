package io.datasipper.pipeline;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The catch-up stages asking the stage they stand in for to feed their output again, having caught
 * up with the store. The stage asked answers between two reads, and takes an output back only if
 * both have handed over the same events: had it handed over more, the output would miss those; had
 * it handed over fewer, the output would get some twice.
 */
final class Rejoins {
  private final ArrayDeque<Asking> asked = new ArrayDeque<>();
  /** Whether the stage asked has stopped reading: it takes nothing back. */
  private boolean ended;

  /**
   * One asking: the catch-up stage has handed {@code worker} every event through {@code through}.
   * Either side may end it first (the stage asked with its answer, the catch-up stage by giving up
   * waiting), and only the first ending counts.
   */
  static final class Asking {
    final OutputWorker worker;
    final long through;
    /** True once the output is taken back; false once refused or given up. */
    private final CompletableFuture<Boolean> answer = new CompletableFuture<>();

    Asking(OutputWorker worker, long through) {
      this.worker = worker;
      this.through = through;
    }

    /**
     * Waits for the answer at most {@code patience}; the asking then ends.
     *
     * @return true if the output was taken back: the catch-up stage must hand it nothing more
     */
    boolean taken(Duration patience) throws InterruptedException {
      try {
        return answer.get(patience.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return !answer.complete(false) && answer.join(); // taken just as the wait ended: that counts
      } catch (ExecutionException e) {
        throw new IllegalStateException(e); // never completed exceptionally
      }
    }

    boolean answered() {
      return answer.isDone();
    }
  }

  /** Queues an asking; false if the stage asked has stopped reading. */
  synchronized boolean ask(Asking asking) {
    if (ended) {
      return false;
    }
    asked.removeIf(Asking::answered); // earlier askings given up on while the stage asked was busy
    asked.add(asking);
    return true;
  }

  /**
   * Answers every asking: takes back the outputs fed through {@code cursor}, the asked stage's; the
   * others' catch-up stages read on.
   *
   * @return the askings taken
   */
  List<Asking> answer(long cursor) {
    List<Asking> all;
    synchronized (this) {
      if (asked.isEmpty()) {
        return List.of();
      }
      all = List.copyOf(asked);
      asked.clear();
    }
    List<Asking> taken = new ArrayList<>();
    for (Asking a : all) {
      boolean take = a.through == cursor;
      if (a.answer.complete(take) && take) {
        taken.add(a);
      }
    }
    return taken;
  }

  /** Refuses every asking, now and later: the catch-up stages read on by themselves. */
  void end() {
    List<Asking> all;
    synchronized (this) {
      ended = true;
      all = List.copyOf(asked);
      asked.clear();
    }
    all.forEach(a -> a.answer.complete(false));
  }
}
