package io.datasipper.api.event;

import java.time.Instant;

/**
 * A failure of the capture itself: the browser crashed or was killed, a tab crashed, the
 * connection to the browser was lost, a protocol message could not be read. What was captured
 * before it is kept.
 *
 * @param kind {@code browser_exited}, {@code target_crashed}, {@code connection_lost} or
 *     {@code message_dropped}
 * @param source only the node of the capture that failed; null before it is placed on one
 */
public record CaptureErrorEvent(
    String id, long seq, Instant timestamp, String kind, String message, Source source)
    implements CaptureEvent {

  public static final String TYPE = "capture_error";

  /** None: {@link CaptureEvent#url()} of an event of the capture itself. */
  @Override
  public String url() {
    return null;
  }

  /** An error recorded before it was placed on a node (see {@link Sources#onNode}). */
  public CaptureErrorEvent(String id, long seq, Instant timestamp, String kind, String message) {
    this(id, seq, timestamp, kind, message, null);
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
