package io.datasipper.cli;

import java.time.Duration;

/** Durations printed the way {@link DurationConverter} reads them. */
final class DurationText {
  private DurationText() {}

  static String of(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
