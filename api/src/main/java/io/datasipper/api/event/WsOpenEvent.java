package io.datasipper.api.event;

import java.time.Instant;
import java.util.List;

/** A WebSocket connection whose handshake completed (or was answered with a non-101 status). */
public record WsOpenEvent(
    String id,
    long seq,
    Instant timestamp,
    String connectionId,
    String url,
    List<EventHeader> requestHeaders,
    int status,
    List<EventHeader> responseHeaders,
    Source source)
    implements WebSocketEvent {

  public static final String TYPE = "ws_open";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public long approximateBytes() {
    return 256 + url.length() + EventHeader.bytes(requestHeaders) + EventHeader.bytes(responseHeaders);
  }
}
