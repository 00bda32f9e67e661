package io.datasipper.store;

import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.EventStamps;
import java.time.Instant;

/** The events dropped since the last gap event was recorded. Not thread-safe. */
final class DropTally {
  private long events;
  private long bytes;
  private Instant first;
  private Instant last;

  void add(long eventBytes, Instant at) {
    if (events == 0) {
      first = at;
    }
    events++;
    bytes += eventBytes;
    last = at;
  }

  boolean isEmpty() {
    return events == 0;
  }

  /** The gap event describing the drops so far; the tally starts again from zero. */
  CaptureGapEvent takeGap(EventStamps stamps, long queueBound) {
    CaptureGapEvent gap =
        new CaptureGapEvent(EventStamps.newId(), stamps.nextSeq(), Instant.now(), events, bytes,
            first, last, "store fell behind: in-memory queue reached " + queueBound + " bytes");
    events = 0;
    bytes = 0;
    first = null;
    last = null;
    return gap;
  }
}
