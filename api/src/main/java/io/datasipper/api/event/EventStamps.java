package io.datasipper.api.event;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the {@code seq} and {@code id} of new events. One instance serves a data directory,
 * starting after the highest sequence number already stored there.
 */
public final class EventStamps {
  private final AtomicLong nextSeq;

  public EventStamps(long firstSeq) {
    this.nextSeq = new AtomicLong(firstSeq);
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
}
