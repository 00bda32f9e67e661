package io.datasipper.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One WebSocket message, sent or received, made as the browser reports it.
 *
 * @param payload text frames as text, binary frames as base64; cut to the body limit when
 *     {@code payload.truncated()}
 * @param length the original payload length in bytes
 */
public record WsFrameEvent(
    String id,
    long seq,
    Instant timestamp,
    String connectionId,
    String url,
    Direction direction,
    Opcode opcode,
    Body payload,
    long length,
    Source source)
    implements WebSocketEvent {

  public static final String TYPE = "ws_frame";

  public enum Direction {
    @JsonProperty("sent") SENT,
    @JsonProperty("received") RECEIVED
  }

  public enum Opcode {
    @JsonProperty("text") TEXT,
    @JsonProperty("binary") BINARY,
    @JsonProperty("control") CONTROL
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public long approximateBytes() {
    return 192 + url.length() + payload.approximateBytes();
  }
}
