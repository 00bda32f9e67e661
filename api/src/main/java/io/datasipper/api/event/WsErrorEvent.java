package io.datasipper.api.event;

import java.time.Instant;

/** An error the browser reported on a WebSocket connection (bad frame, failed handshake, ...). */
public record WsErrorEvent(
    String id, long seq, Instant timestamp, String connectionId, String url, String message,
    Source source)
    implements WebSocketEvent {

  public static final String TYPE = "ws_error";

  @Override
  public String type() {
    return TYPE;
  }
}
