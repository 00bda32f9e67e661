package io.datasipper.api.event;

import java.time.Instant;

/**
 * Made when events had to be dropped because the store fell behind and the in-memory queue reached
 * its bound. It says how many were dropped and when, so a gap is never silent.
 *
 * @param source only the node of the capture that dropped them; null before it is placed on one
 */
public record CaptureGapEvent(
    String id,
    long seq,
    Instant timestamp,
    long droppedEvents,
    long droppedBytes,
    Instant firstDroppedAt,
    Instant lastDroppedAt,
    String reason,
    Source source)
    implements CaptureEvent {

  public static final String TYPE = "capture_gap";

  /** None: {@link CaptureEvent#url()} of an event of the capture itself. */
  @Override
  public String url() {
    return null;
  }

  /** A gap recorded before it was placed on a node (see {@link Sources#onNode}). */
  public CaptureGapEvent(String id, long seq, Instant timestamp, long droppedEvents, long droppedBytes,
      Instant firstDroppedAt, Instant lastDroppedAt, String reason) {
    this(id, seq, timestamp, droppedEvents, droppedBytes, firstDroppedAt, lastDroppedAt, reason, null);
  }

  /** Its own id: it belongs to no connection. */
  @Override
  public String deliveryKey() {
    return id;
  }

  @Override
  public String type() {
    return TYPE;
  }
}
