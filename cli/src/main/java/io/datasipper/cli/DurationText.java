package io.datasipper.cli;

import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way people write them: 500ms, 15s, 5m, 2h. At most {@link #MAX}, so that
 * no duration overflows when it is counted in milliseconds or nanoseconds.
 */
final class DurationText {
  static final Duration MAX = Duration.ofHours(87_600);
  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)");

  private DurationText() {}

  /**
   * Reads a duration.
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  static Duration parse(String value) {
    Matcher m = FORM.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a duration: use a number with ms, s, m or h, e.g. 30s or 5m");
    }
    long unitMs = switch (m.group(2)) {
      case "ms" -> 1;
      case "s" -> 1_000;
      case "m" -> 60_000;
      default -> 3_600_000;
    };
    BigInteger ms = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unitMs));
    if (ms.compareTo(BigInteger.valueOf(MAX.toMillis())) > 0) {
      throw new IllegalArgumentException("'" + value + "' is too long: a duration is at most " + of(MAX) + " (10 years)");
    }
    return Duration.ofMillis(ms.longValueExact());
  }

  /** The duration as {@link #parse} reads it, in its largest whole unit. */
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
