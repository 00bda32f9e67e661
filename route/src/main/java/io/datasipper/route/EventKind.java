package io.datasipper.route;

import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;

/**
 * The event types, as an enum so that fields and the router can keep per-type tables indexed by
 * {@link #ordinal()} instead of switching on the event's class at every step.
 */
enum EventKind {
  HTTP(HttpEvent.TYPE),
  WS_OPEN(WsOpenEvent.TYPE),
  WS_FRAME(WsFrameEvent.TYPE),
  WS_CLOSE(WsCloseEvent.TYPE),
  WS_ERROR(WsErrorEvent.TYPE),
  SSE(SseEvent.TYPE),
  CAPTURE_GAP(CaptureGapEvent.TYPE),
  CAPTURE_ERROR(CaptureErrorEvent.TYPE);

  final String type;

  EventKind(String type) {
    this.type = type;
  }

  static EventKind of(CaptureEvent event) {
    // No default branch: a new event type must be added here, or this stops compiling.
    return switch (event) {
      case HttpEvent e -> HTTP;
      case WsOpenEvent e -> WS_OPEN;
      case WsFrameEvent e -> WS_FRAME;
      case WsCloseEvent e -> WS_CLOSE;
      case WsErrorEvent e -> WS_ERROR;
      case SseEvent e -> SSE;
      case CaptureGapEvent e -> CAPTURE_GAP;
      case CaptureErrorEvent e -> CAPTURE_ERROR;
    };
  }
}
