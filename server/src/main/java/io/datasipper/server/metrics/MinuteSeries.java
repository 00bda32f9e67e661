package io.datasipper.server.metrics;

/**
 * Counts per minute over the last hour: a ring of {@link #MINUTES} minutes, fixed in size however
 * long the run. Minutes are UTC wall-clock minutes, so that series of different sources line up.
 * Thread-safe.
 */
final class MinuteSeries {
  static final int MINUTES = 60;
  static final long MINUTE_MILLIS = 60_000;

  private final long[] counts = new long[MINUTES];
  /** The epoch minute of the newest slot; the slot of minute m is m mod 60. */
  private long newestMinute = Long.MIN_VALUE;

  /** Adds {@code n} to the minute of {@code epochMillis}; a minute older than the last hour is ignored. */
  synchronized void add(long epochMillis, long n) {
    long minute = Math.floorDiv(epochMillis, MINUTE_MILLIS);
    advanceTo(minute);
    if (minute > newestMinute - MINUTES) {
      counts[slot(minute)] += n;
    }
  }

  /** The counts of the 60 minutes up to the one of {@code nowMillis} (included), oldest first. */
  synchronized long[] lastHour(long nowMillis) {
    long now = Math.floorDiv(nowMillis, MINUTE_MILLIS);
    advanceTo(now);
    long[] out = new long[MINUTES];
    for (int i = 0; i < MINUTES; i++) {
      long minute = now - (MINUTES - 1) + i;
      out[i] = minute > newestMinute - MINUTES && minute <= newestMinute ? counts[slot(minute)] : 0;
    }
    return out;
  }

  /** The start (epoch millis) of the oldest minute {@link #lastHour} reports at {@code nowMillis}. */
  static long firstMinuteStart(long nowMillis) {
    return (Math.floorDiv(nowMillis, MINUTE_MILLIS) - (MINUTES - 1)) * MINUTE_MILLIS;
  }

  /** Empties the slots of the minutes after the newest up to {@code minute}, which becomes the newest. */
  private void advanceTo(long minute) {
    if (minute <= newestMinute) {
      return;
    }
    long oldestKept = minute - MINUTES + 1;
    long from = newestMinute == Long.MIN_VALUE ? oldestKept : Math.max(newestMinute + 1, oldestKept);
    for (long m = from; m <= minute; m++) {
      counts[slot(m)] = 0;
    }
    newestMinute = minute;
  }

  private static int slot(long minute) {
    return (int) Math.floorMod(minute, (long) MINUTES);
  }
}
