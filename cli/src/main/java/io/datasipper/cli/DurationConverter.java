package io.datasipper.cli;

import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations written the way people write them: 500ms, 15s, 5m, 2h. At most
 * {@link #MAX}, so that no duration overflows when it is counted in milliseconds or nanoseconds.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  static final Duration MAX = Duration.ofHours(87_600);
  private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    Matcher m = FORM.matcher(value.trim());
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
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
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is too long: a duration is at most " + DurationText.of(MAX) + " (10 years)");
    }
    return Duration.ofMillis(ms.longValueExact());
  }
}
