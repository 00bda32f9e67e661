package io.datasipper.api.json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * Writes and reads the times of events as UTC ISO-8601 text, {@code 2026-11-26T17:21:08.123456Z}.
 * Every event carries one to three times; the store writes them for every captured event and
 * replay reads them by the million, and the JDK's general formatter and parser took about 40% of
 * the time it took to write or read a whole event. This does the one form directly, with the
 * JDK's results ({@link Instant#toString}, {@link Instant#parse}), and hands everything else to
 * the JDK: other offsets, years outside 0000-9999.
 */
public final class IsoInstants {
  private static final int SHORTEST = "2026-11-26T17:21:08Z".length();
  private static final DateTimeFormatter NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private IsoInstants() {}

  /** As {@link Instant#parse}. */
  public static Instant parse(String s) {
    Instant fast = parseUtc(s);
    return fast != null ? fast : Instant.parse(s);
  }

  /** As {@link Instant#toString}: the fraction in groups of three digits, none when zero. */
  public static String format(Instant t) {
    int nanos = t.getNano();
    int digits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    return format(t, digits, t::toString);
  }

  /** With all nine fraction digits, so that the text order of two times is their time order. */
  public static String formatNanos(Instant t) {
    return format(t, 9, () -> NANOS.format(t));
  }

  private static String format(Instant t, int fractionDigits, Supplier<String> jdk) {
    long epochSecond = t.getEpochSecond();
    long day = Math.floorDiv(epochSecond, 86_400);
    int secondOfDay = Math.floorMod(epochSecond, 86_400);
    // Days to a proleptic Gregorian date, the inverse of epochDay below.
    long z = day + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int dayOfMonth = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9_999) {
      return jdk.get();
    }
    char[] c = new char[SHORTEST + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
    put(c, 0, (int) year, 4);
    c[4] = '-';
    put(c, 5, month, 2);
    c[7] = '-';
    put(c, 8, dayOfMonth, 2);
    c[10] = 'T';
    put(c, 11, secondOfDay / 3_600, 2);
    c[13] = ':';
    put(c, 14, secondOfDay / 60 % 60, 2);
    c[16] = ':';
    put(c, 17, secondOfDay % 60, 2);
    if (fractionDigits > 0) {
      c[19] = '.';
      int fraction = t.getNano();
      for (int i = fractionDigits; i < 9; i++) {
        fraction /= 10;
      }
      put(c, 20, fraction, fractionDigits);
    }
    c[c.length - 1] = 'Z';
    return new String(c);
  }

  private static void put(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f...]Z}, or null for any other form. */
  private static Instant parseUtc(String s) {
    int n = s.length();
    if (n < SHORTEST || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int nanos = 0;
    if (n > SHORTEST) {
      int fractionDigits = n - SHORTEST - 1;
      if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
        return null;
      }
      nanos = digits(s, 20, fractionDigits);
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    }
    if ((year | month | day | hour | minute | second | nanos) < 0 || month < 1 || month > 12 || day < 1
        || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
      return null; // not a plain valid UTC time: let the full parser accept or explain it
    }
    long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  /** The value of {@code count} decimal digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the civil-from-days inverse). */
  private static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
