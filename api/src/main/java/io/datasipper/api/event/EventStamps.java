package io.datasipper.api.event;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the {@code seq} and {@code id} of new events, and names the node they are made on. One
 * instance serves a data directory, starting after the highest sequence number already stored there.
 */
public final class EventStamps {
  /** The value of each hex digit by its char, -1 for any other: read for every delivered record. */
  private static final byte[] HEX_DIGITS = hexDigits();
  private final AtomicLong nextSeq;
  private final String node;

  /** Stamps for events placed on no node. */
  public EventStamps(long firstSeq) {
    this(firstSeq, null);
  }

  /** @param node the capture's node name, put in the source of every event made (see {@link Sources#onNode}) */
  public EventStamps(long firstSeq, String node) {
    this.nextSeq = new AtomicLong(firstSeq);
    this.node = node;
  }

  /** The node the events are made on, or null. */
  public String node() {
    return node;
  }

  public long nextSeq() {
    return nextSeq.getAndIncrement();
  }

  /** The sequence number the next event will get. */
  public long peekSeq() {
    return nextSeq.get();
  }

  /**
   * A time-ordered unique id in UUID version 7 layout: 48 bits of Unix milliseconds, then random
   * bits. Ids sort roughly by creation time and stay unique across runs and machines.
   */
  public static String newId() {
    long millis = System.currentTimeMillis();
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (millis << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new java.util.UUID(msb, lsb).toString();
  }

  private static byte[] hexDigits() {
    byte[] digits = new byte['f' + 1];
    java.util.Arrays.fill(digits, (byte) -1);
    for (int d = 0; d < 16; d++) {
      digits[Character.forDigit(d, 16)] = (byte) d; // 0-9, a-f
      digits[Character.toUpperCase(Character.forDigit(d, 16))] = (byte) d;
    }
    return digits;
  }

  /**
   * When {@link #newId} made {@code id} (Unix milliseconds): the moment the capture emitted the
   * event, on this machine's clock. Read from the id's first 48 bits, so that the pipeline can tell
   * how long an event took from capture to delivery without reading the event. An id with a
   * {@code #n} suffix (a transform's n-th record) counts as the id before it.
   *
   * @return the milliseconds, or -1 if {@code id} is not a version 7 UUID (an event made elsewhere)
   */
  public static long createdAtMillis(String id) {
    // 8 hex digits, '-', 4 hex digits, '-', then the version digit 7: "0192b3c4-d5e6-7..."
    if (id == null || id.length() < 36 || id.charAt(8) != '-' || id.charAt(13) != '-' || id.charAt(14) != '7') {
      return -1;
    }
    long millis = 0;
    for (int i = 0; i < 13; i++) {
      if (i == 8) {
        continue;
      }
      char c = id.charAt(i);
      int digit = c < HEX_DIGITS.length ? HEX_DIGITS[c] : -1;
      if (digit < 0) {
        return -1;
      }
      millis = millis << 4 | digit;
    }
    return millis;
  }
}
