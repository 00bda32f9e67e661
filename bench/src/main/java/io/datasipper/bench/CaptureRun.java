package io.datasipper.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One run of a benchmark that compares the capture alone (runs named A…) with the capture and
 * something beside it (runs named B…): its name, what it is, and the capture's figures.
 */
interface CaptureRun {
  /** The name of a bench's JIT warm-up run, which no verdict rests on. */
  String WARMUP_RUN = "W";

  /**
   * The options of a bench made of such runs, which {@link StepPlan#warmUpThenMeasured} and {@link
   * CaptureRunsReport} read ({@code --seconds}, {@code --rate}, {@code --warmup-seconds}, {@code
   * --payload-bytes}, {@code --rounds}), then the bench's own.
   */
  static List<BenchArgs.Option> options(int defaultSeconds, int defaultRate, BenchArgs.Option... own) {
    List<BenchArgs.Option> options = new ArrayList<>(List.of(
        new BenchArgs.Option("seconds", defaultSeconds, 1, 600),
        new BenchArgs.Option("rate", defaultRate, 1, 20_000),
        new BenchArgs.Option("warmup-seconds", 5, 0, 120),
        new BenchArgs.Option("payload-bytes", 128, FramePayload.MIN_BYTES, 1 << 20),
        new BenchArgs.Option("rounds", 1, 1, 10)));
    options.addAll(List.of(own));
    return options;
  }

  String name();

  /** Whether this is the JIT warm-up run ({@code --jit-seconds}). */
  default boolean warmUp() {
    return name().equals(WARMUP_RUN);
  }

  String description();

  PhaseResult capture();

  /** The measured step: the last, after any warm-up. */
  default StepResult measured() {
    List<StepResult> steps = capture().steps();
    return steps.get(steps.size() - 1);
  }
}
