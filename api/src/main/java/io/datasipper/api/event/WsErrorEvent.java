package io.datasipper.api.event;

import java.time.Instant;

/** An error the browser reported on a WebSocket connection (bad frame, failed handshake, ...). */
public record WsErrorEvent(
    String id, long seq, Instant timestamp, String connectionId, String url, String message,
    Source source)
    implements CaptureEvent {

  public static final String TYPE = "ws_error";

  /** Its connection's id: every event of one WebSocket keeps its order. */
  @Override
  public String deliveryKey() {
    return connectionId;
  }

  @Override
  public String type() {
    return TYPE;
  }
}
