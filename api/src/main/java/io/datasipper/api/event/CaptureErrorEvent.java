package io.datasipper.api.event;

import java.time.Instant;

/**
 * A failure of the capture itself: the browser crashed or was killed, a tab crashed, the
 * connection to the browser was lost, a protocol message could not be read. What was captured
 * before it is kept.
 *
 * @param kind {@code browser_exited}, {@code target_crashed}, {@code connection_lost} or
 *     {@code message_dropped}
 */
public record CaptureErrorEvent(String id, long seq, Instant timestamp, String kind, String message)
    implements CaptureEvent {

  public static final String TYPE = "capture_error";

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
