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

  @Override
  public String type() {
    return TYPE;
  }
}
