package io.datasipper.store;

import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.Source;
import java.time.Instant;

/** The events dropped since the last gap event was recorded. Not thread-safe. */
final class DropTally {
  private long events;
  private long bytes;
  private Instant first;
  private Instant last;
  private String storeFailure;
  /** Why the capture was paused while these events were dropped, or null if it was not. */
  private String pause;

  /** @param storeFailure why the store cannot be written now (a full disk, say), or null if it can */
  void add(long eventBytes, Instant at, String storeFailure) {
    if (events == 0) {
      first = at;
    }
    if (this.storeFailure == null) {
      this.storeFailure = storeFailure;
    }
    events++;
    bytes += eventBytes;
    last = at;
  }

  /** An event not stored because the capture is paused for {@code why}. */
  void paused(long eventBytes, Instant at, String why) {
    if (pause == null) {
      pause = why;
    }
    add(eventBytes, at, null);
  }

  boolean isEmpty() {
    return events == 0;
  }

  /**
   * Says why the store could not be written while these events were dropped: a write that was
   * under way when the queue filled up may fail only later.
   */
  void storeFailed(String why) {
    if (events > 0 && storeFailure == null) {
      storeFailure = why;
    }
  }

  /** The gap event describing the drops so far; the tally starts again from zero. */
  CaptureGapEvent takeGap(EventStamps stamps, long queueBound) {
    String queueFull = "in-memory queue reached " + queueBound + " bytes";
    String reason = pause != null ? "capture paused: " + pause
        : storeFailure == null ? "store fell behind: " + queueFull
        : "the store could not be written (" + storeFailure + "): " + queueFull;
    CaptureGapEvent gap =
        new CaptureGapEvent(EventStamps.newId(), stamps.nextSeq(), Instant.now(), events, bytes,
            first, last, reason, stamps.node() == null ? null : Source.ofNode(stamps.node()));
    storeFailure = null;
    pause = null;
    events = 0;
    bytes = 0;
    first = null;
    last = null;
    return gap;
  }
}
