package io.datasipper.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One stretch of sending at a fixed rate.
 *
 * @param label how the report names it
 * @param judged false for warm-up: measured and reported, but no verdict rests on it
 */
record StepPlan(String label, int rate, int seconds, boolean judged) {
  /** The steps of a run with {@code --warmup-seconds} and {@code --seconds}: the warm-up (if any), then the measured one. */
  static List<StepPlan> warmUpThenMeasured(BenchArgs a, int rate) {
    List<StepPlan> plans = new ArrayList<>();
    if (a.getInt("warmup-seconds") > 0) {
      plans.add(new StepPlan("warm-up", rate, a.getInt("warmup-seconds"), false));
    }
    plans.add(new StepPlan("measured", rate, a.getInt("seconds"), true));
    return List.copyOf(plans);
  }

  /** The one unjudged step of a JIT warm-up run: {@code --jit-seconds} at {@code rate}. */
  static List<StepPlan> jitWarmUp(BenchArgs a, int rate) {
    return List.of(new StepPlan("jit", rate, a.getInt("jit-seconds"), false));
  }

  long frames() {
    return (long) rate * seconds;
  }
}
