package io.datasipper.route;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;

/** The texts of an event that {@code *.json.<path>} fields look into; each belongs to one event type. */
enum JsonSource {
  REQUEST(EventKind.HTTP),
  RESPONSE(EventKind.HTTP),
  PAYLOAD(EventKind.WS_FRAME),
  DATA(EventKind.SSE);

  final EventKind kind;

  JsonSource(EventKind kind) {
    this.kind = kind;
  }

  /** The text to read as JSON, or null when the event has none (or only part of one). */
  String text(CaptureEvent event) {
    return switch (this) {
      case REQUEST -> event instanceof HttpEvent h && h.request() != null ? whole(h.request().body()) : null;
      case RESPONSE -> event instanceof HttpEvent h && h.response() != null ? whole(h.response().body()) : null;
      case PAYLOAD -> event instanceof WsFrameEvent f ? whole(f.payload()) : null;
      case DATA -> event instanceof SseEvent s ? s.data() : null;
    };
  }

  /** Only whole text bodies: binary ones are base64, and the cut end of a truncated one is never valid JSON. */
  private static String whole(Body body) {
    return body == null || body.encoding() != Body.Encoding.TEXT || body.truncated() ? null : body.data();
  }
}
