package io.datasipper.bench;

/**
 * One stretch of sending at a fixed rate.
 *
 * @param label how the report names it
 * @param judged false for warm-up: measured and reported, but no verdict rests on it
 */
record StepPlan(String label, int rate, int seconds, boolean judged) {
  long frames() {
    return (long) rate * seconds;
  }
}
