package io.datasipper.api.event;

import java.time.Instant;

/** A WebSocket connection that closed, from either side. */
public record WsCloseEvent(
    String id, long seq, Instant timestamp, String connectionId, String url, Source source)
    implements WebSocketEvent {

  public static final String TYPE = "ws_close";

  @Override
  public String type() {
    return TYPE;
  }
}
