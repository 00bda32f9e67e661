package io.datasipper.bench;

import java.util.List;

/**
 * One run of a benchmark that compares the capture alone (runs named A…) with the capture and
 * something beside it (runs named B…): its name, what it is, and the capture's figures.
 */
interface CaptureRun {
  String name();

  String description();

  PhaseResult capture();

  /** The measured step: the last, after any warm-up. */
  default StepResult measured() {
    List<StepResult> steps = capture().steps();
    return steps.get(steps.size() - 1);
  }
}
