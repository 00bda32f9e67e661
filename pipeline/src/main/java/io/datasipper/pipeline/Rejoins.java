package io.datasipper.pipeline;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

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
   * Either side may end it first, and exactly one answer counts.
   */
  static final class Asking {
    private enum State { ASKED, TAKEN, REFUSED }

    final OutputWorker worker;
    final long through;
    private State state = State.ASKED;

    Asking(OutputWorker worker, long through) {
      this.worker = worker;
      this.through = through;
    }

    /**
     * Waits for the answer at most {@code patience}; the asking then ends.
     *
     * @return true if the output was taken back: the catch-up stage must hand it nothing more
     */
    synchronized boolean taken(Duration patience) throws InterruptedException {
      long deadline = System.nanoTime() + patience.toNanos();
      while (state == State.ASKED) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          state = State.REFUSED;
          break;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return state == State.TAKEN;
    }

    synchronized boolean answered() {
      return state != State.ASKED;
    }

    /** @return true if this answer counts: the asking had not ended */
    private synchronized boolean answer(State answer) {
      if (state != State.ASKED) {
        return false;
      }
      state = answer;
      notifyAll();
      return true;
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
      if (a.answer(take ? Asking.State.TAKEN : Asking.State.REFUSED) && take) {
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
    all.forEach(a -> a.answer(Asking.State.REFUSED));
  }
}
