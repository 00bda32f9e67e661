package io.datasipper.server.feed;

/**
 * Which seqs a client was already handed, so that an event reaching it twice (from the catch-up and
 * from the live source, at the seam) is sent once. Events come in nearly, not exactly, seq order,
 * so this remembers each seq of a sliding window of {@value #WINDOW} above a floor rather than only
 * the highest: 8 KB per client. A seq more than the window below the highest seen counts as seen.
 */
final class DeliveredSeqs {
  static final int WINDOW = 1 << 16;

  private final long[] bits = new long[WINDOW / Long.SIZE];
  /** Every seq at or below it counts as seen. */
  private long floor;

  /** Counts every seq up to {@code floor} as seen already. */
  DeliveredSeqs(long floor) {
    this.floor = floor;
  }

  /** True the first time it is called with {@code seq}, false after (and for seqs at or below the floor). */
  boolean firstTime(long seq) {
    if (seq <= floor) {
      return false;
    }
    if (seq > floor + WINDOW) {
      slideTo(seq - WINDOW);
    }
    int slot = (int) Math.floorMod(seq, (long) WINDOW);
    long mask = 1L << (slot % Long.SIZE);
    int word = slot / Long.SIZE;
    if ((bits[word] & mask) != 0) {
      return false;
    }
    bits[word] |= mask;
    return true;
  }

  /** Raises the floor, freeing the slots of the seqs it passes for the seqs a window above them. */
  private void slideTo(long newFloor) {
    if (newFloor - floor >= WINDOW) {
      java.util.Arrays.fill(bits, 0);
    } else {
      for (long s = floor + 1; s <= newFloor; s++) {
        int slot = (int) Math.floorMod(s, (long) WINDOW);
        bits[slot / Long.SIZE] &= ~(1L << (slot % Long.SIZE));
      }
    }
    floor = newFloor;
  }
}
