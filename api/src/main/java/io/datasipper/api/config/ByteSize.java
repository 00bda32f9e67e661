package io.datasipper.api.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes written for people: {@code 1048576}, {@code 512KiB}, {@code 1MiB}, {@code 2GiB},
 * {@code 1TiB} in binary units, or {@code 500MB}, {@code 2GB} in decimal ones (as disks are sold),
 * so 1MiB is 2^20 and 1MB is 10^6, never the one for the other. Read exactly, so that a size too
 * large for any limit is said to be too large rather than wrapping round to a small one.
 */
public final class ByteSize {
  /** What a size may be written as, for error messages. */
  public static final String FORMS = "a whole number of bytes or one with B, KiB, MiB, GiB or TiB such as 512KiB or 1MiB"
      + " (or kB, MB, GB, TB, in thousands)";

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB|kB|MB|GB|TB)?");
  private static final List<String> UNITS = List.of("B", "KiB", "MiB", "GiB", "TiB");
  private static final List<String> DECIMAL_UNITS = List.of("B", "kB", "MB", "GB", "TB");

  private ByteSize() {}

  /** The number of bytes {@code text} says, however large; null if it is not a size. */
  public static BigInteger parse(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    BigInteger number = new BigInteger(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    int decimal = DECIMAL_UNITS.indexOf(unit);
    return decimal > 0 ? number.multiply(BigInteger.TEN.pow(3 * decimal)) : number.shiftLeft(10 * UNITS.indexOf(unit));
  }

  /** {@code bytes} in the largest unit that divides it: {@code 1 GiB}, {@code 1536 KiB}, {@code 7 B}. */
  public static String format(long bytes) {
    int unit = 0;
    while (unit < UNITS.size() - 1 && bytes != 0 && bytes % (1L << (10 * (unit + 1))) == 0) {
      unit++;
    }
    return String.format(Locale.ROOT, "%d %s", bytes >> (10 * unit), UNITS.get(unit));
  }
}
