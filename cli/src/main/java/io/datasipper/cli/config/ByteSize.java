package io.datasipper.cli.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes written for people: {@code 1048576}, {@code 512KiB}, {@code 1MiB}. Binary units only, so 1MiB is never 10^6. */
final class ByteSize {
  static final String DESCRIPTION = "a size of 0 or more bytes: a whole number, or a number with B, KiB, MiB or GiB"
      + " such as 512KiB or 1MiB";

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");
  private static final Map<String, Long> UNITS = Map.of("B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30);

  private ByteSize() {}

  /**
   * The number of bytes.
   *
   * @throws IllegalArgumentException saying what is wrong with the text, e.g. "is not a size"
   */
  static long parse(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("is not a size");
    }
    long unit = m.group(2) == null ? 1 : UNITS.get(m.group(2));
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("is too large");
    }
  }
}
