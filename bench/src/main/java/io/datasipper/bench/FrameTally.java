package io.datasipper.bench;

import java.util.BitSet;
import java.util.List;

/**
 * What a reader saw of the server's frames, per step: which ones (each counted once) and how late.
 * Fed from the reader's one thread; read from the benchmark's thread, hence the locks (uncontended
 * while a step runs).
 */
final class FrameTally {
  private final Step[] steps;
  private long foreign;

  FrameTally(List<StepPlan> plans) {
    steps = plans.stream().map(p -> new Step(p.frames())).toArray(Step[]::new);
  }

  /** A frame's text reached the reader at {@code nowNanos}. */
  void onFrame(String text, long nowNanos) {
    FramePayload frame = FramePayload.parse(text);
    if (frame == null || frame.step() < 0 || frame.step() >= steps.length) {
      synchronized (this) {
        foreign++;
      }
      return;
    }
    steps[frame.step()].record(frame.seq(), nowNanos - frame.sentNanos());
  }

  Step step(int i) {
    return steps[i];
  }

  /** Frames that were not the server's: none are expected. */
  synchronized long foreign() {
    return foreign;
  }

  /** One step's frames. */
  static final class Step {
    private final long[] latencies;
    private final BitSet seen;
    private int distinct;
    private long duplicates;

    Step(long expected) {
      latencies = new long[Math.toIntExact(expected)];
      seen = new BitSet(latencies.length);
    }

    synchronized void record(long seq, long latencyNanos) {
      if (seq < 0 || seq >= latencies.length || seen.get((int) seq)) {
        duplicates++;
        return;
      }
      seen.set((int) seq);
      latencies[distinct++] = latencyNanos;
    }

    /** Frames seen, each counted once. */
    synchronized int distinct() {
      return distinct;
    }

    synchronized long duplicates() {
      return duplicates;
    }

    synchronized LatencyStats latency() {
      return LatencyStats.of(latencies, distinct);
    }
  }
}
