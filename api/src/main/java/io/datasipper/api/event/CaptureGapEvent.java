package io.datasipper.api.event;

import java.time.Instant;

/**
 * Made when events had to be dropped because the store fell behind and the in-memory queue reached
 * its bound. It says how many were dropped and when, so a gap is never silent.
 */
public record CaptureGapEvent(
    String id,
    long seq,
    Instant timestamp,
    long droppedEvents,
    long droppedBytes,
    Instant firstDroppedAt,
    Instant lastDroppedAt,
    String reason)
    implements CaptureEvent {

  public static final String TYPE = "capture_gap";

  /** None: {@link CaptureEvent#url()} of an event of the capture itself. */
  @Override
  public String url() {
    return null;
  }

  /** None: it was not made by a page or worker. */
  @Override
  public Source source() {
    return null;
  }

  @Override
  public String type() {
    return TYPE;
  }
}
