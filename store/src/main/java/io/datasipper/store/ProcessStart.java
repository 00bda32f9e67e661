package io.datasipper.store;

import java.time.Duration;
import java.time.Instant;

/**
 * When a process started, as the OS tells it: what tells a process from one that had its pid
 * before and ended, once the pids wrapped. A process that wrote its pid somewhere (a lock file, a
 * folder's name) started before it wrote it; one given the same pid later started after.
 */
public final class ProcessStart {
  /**
   * How far apart two readings of one process's start may be. The OS counts it in clock ticks from
   * boot, whose time it gives in whole seconds; a process given the same pid started at least the
   * time the pids took to wrap later.
   */
  private static final Duration TOLERANCE = Duration.ofSeconds(1);

  private ProcessStart() {}

  /** Whether {@code process} started at {@code at}; true if the OS does not tell when it started. */
  public static boolean startedAt(ProcessHandle process, Instant at) {
    return process.info().startInstant()
        .map(start -> Duration.between(start, at).abs().compareTo(TOLERANCE) < 0).orElse(true);
  }

  /**
   * Whether {@code process} started after {@code at}, so that it cannot have done what happened
   * then; false if the OS does not tell when it started.
   */
  public static boolean startedAfter(ProcessHandle process, Instant at) {
    return process.info().startInstant().map(start -> start.isAfter(at.plus(TOLERANCE))).orElse(false);
  }
}
