package io.datasipper.api.event;

import java.time.Instant;

/** A WebSocket connection that closed, from either side. */
public record WsCloseEvent(
    String id, long seq, Instant timestamp, String connectionId, String url, Source source)
    implements CaptureEvent {

  public static final String TYPE = "ws_close";

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
