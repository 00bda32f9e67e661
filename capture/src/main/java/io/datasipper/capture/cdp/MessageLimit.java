package io.datasipper.capture.cdp;

import java.util.Locale;

/**
 * How long one protocol message may be. A message carries a whole body or WebSocket frame, however
 * much of it is kept: base64 makes it a third longer, and JSON escaping longer still, so the limit
 * leaves room for three times the kept size, and at least 64 MiB, so that a 25 MB frame under the
 * default body limit is read and cut rather than lost. A longer message is skipped unread, never
 * held in memory whole, and reported.
 */
public final class MessageLimit {
  public static final long MIN_BYTES = 64L << 20;
  /** A message is held in one array and one string. */
  private static final long MAX_BYTES = Integer.MAX_VALUE - 16;
  /** What is kept of a skipped message to tell what it was. */
  static final int START_KEPT = 512;

  private MessageLimit() {}

  /** The limit for a capture that keeps bodies and frames up to {@code maxBodyBytes}. */
  public static long forBodyLimit(long maxBodyBytes) {
    long room = maxBodyBytes > (MAX_BYTES - (1 << 20)) / 3 ? MAX_BYTES : 3 * maxBodyBytes + (1 << 20);
    return Math.max(MIN_BYTES, room);
  }

  /** A size as messages about dropped messages give it: bytes, or KiB or MiB with one decimal. */
  public static String describe(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
        : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  static String overLimit(long limit) {
    return "it is over the " + describe(limit) + " limit on protocol messages";
  }
}
