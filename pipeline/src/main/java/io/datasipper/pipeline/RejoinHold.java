package io.datasipper.pipeline;

import java.time.Duration;

/**
 * How long an output that fell behind its stream stays on its own once caught up, before asking
 * to read with its stream again. An output working at about its limit falls behind, catches up
 * in a moment, is taken back and falls behind again, over and over: each time its stream waits
 * {@link Stage#PATIENCE} for it, holding up every other output of the stream, and the log says
 * so twice. So an output that falls behind again soon after being taken back stays on its own
 * longer each time, and one that kept up with its stream for {@link #SETTLED} asks again at once.
 * Used by the one stage that feeds the output, on its thread.
 */
final class RejoinHold {
  /** How long an output must keep up with its stream for its next fall to count as a first. */
  static final Duration SETTLED = Duration.ofSeconds(30);
  /** The hold after the first quick fall; each further one doubles it. */
  static final Duration FIRST = Duration.ofSeconds(5);
  static final Duration LONGEST = Duration.ofMinutes(1);

  /** When the output was last taken back ({@link System#nanoTime}), if it has not fallen behind since. */
  private long takenBackNanos;
  private boolean withItsStream;
  private Duration last = Duration.ZERO;

  void takenBack(long nowNanos) {
    takenBackNanos = nowNanos;
    withItsStream = true;
  }

  /** @return how long the output's catch-up stage waits before asking to give it back; zero at once */
  Duration fellBehind(long nowNanos) {
    boolean soon = withItsStream && nowNanos - takenBackNanos < SETTLED.toNanos();
    withItsStream = false;
    if (!soon) {
      last = Duration.ZERO;
    } else if (last.isZero()) {
      last = FIRST;
    } else {
      last = last.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : last.multipliedBy(2);
    }
    return last;
  }
}
