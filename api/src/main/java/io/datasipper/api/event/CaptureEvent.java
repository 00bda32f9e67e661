package io.datasipper.api.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * Something DataSipper observed. Every event has a unique {@code id}, a {@code seq} that orders all
 * events of one data directory, and the wall-clock {@code timestamp} at which it was complete.
 * The JSON form is documented in {@code docs/events.md} and {@code docs/events.schema.json}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = HttpEvent.class, name = HttpEvent.TYPE),
    @JsonSubTypes.Type(value = WsOpenEvent.class, name = WsOpenEvent.TYPE),
    @JsonSubTypes.Type(value = WsFrameEvent.class, name = WsFrameEvent.TYPE),
    @JsonSubTypes.Type(value = WsCloseEvent.class, name = WsCloseEvent.TYPE),
    @JsonSubTypes.Type(value = WsErrorEvent.class, name = WsErrorEvent.TYPE),
    @JsonSubTypes.Type(value = SseEvent.class, name = SseEvent.TYPE),
    @JsonSubTypes.Type(value = CaptureGapEvent.class, name = CaptureGapEvent.TYPE),
    @JsonSubTypes.Type(value = CaptureErrorEvent.class, name = CaptureErrorEvent.TYPE),
})
public sealed interface CaptureEvent
    permits HttpEvent, WebSocketEvent, SseEvent, CaptureGapEvent, CaptureErrorEvent {

  String id();

  long seq();

  Instant timestamp();

  /**
   * The URL the event is about: the exchange's final URL, the WebSocket's or the event stream's;
   * null for events of the capture itself (gaps, capture errors). No default: a new event type must
   * decide whether it has one. Not annotated for JSON: the records' own {@code url} component is
   * what is written, and an annotation here would be inherited by it.
   */
  String url();

  /**
   * Where the event came from: the node that captured it, where in the browser, the file it was
   * imported from; null when none of these is known.
   */
  Source source();

  /**
   * The key that keeps related events in order where a destination partitions by key: a WebSocket
   * event answers its connection id, a server-sent event its stream's request id; an HTTP exchange,
   * a capture gap and a capture error answer their own id. No default here, as for {@link #url()}:
   * {@link WebSocketEvent} gives its four types theirs.
   */
  @JsonIgnore
  String deliveryKey();

  /**
   * The top-level JSON field that holds {@link #deliveryKey()} for events of {@code type}, so that
   * a stored event's key can be read from its text without reading the whole event: {@code
   * connection_id} for WebSocket events, {@code request_id} for server-sent events, {@code id} for
   * the others and for a type this version does not know.
   */
  static String deliveryKeyField(String type) {
    return switch (type) {
      case WsOpenEvent.TYPE, WsFrameEvent.TYPE, WsCloseEvent.TYPE, WsErrorEvent.TYPE -> "connection_id";
      case SseEvent.TYPE -> "request_id";
      default -> "id";
    };
  }

  /** The event's type name as it appears in JSON ({@code http}, {@code ws_frame}, ...). */
  @JsonIgnore
  String type();

  /** A rough count of the bytes this event occupies in memory, used to bound queues. */
  @JsonIgnore
  default long approximateBytes() {
    return 256;
  }
}
