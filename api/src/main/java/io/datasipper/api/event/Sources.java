package io.datasipper.api.event;

import java.util.function.UnaryOperator;

/** Rewrites the {@link Source} of events, whatever their type. */
public final class Sources {
  private Sources() {}

  /**
   * The event placed on {@code node}: its source names the node, and an event without a source (a
   * gap, a capture error) gets one that names only the node. Null {@code node} leaves it as it is.
   */
  public static CaptureEvent onNode(CaptureEvent event, String node) {
    if (node == null) {
      return event;
    }
    return withSource(event, s -> s == null ? Source.ofNode(node) : s.withNode(node));
  }

  /** The event with its source replaced by {@code change} applied to it (which may get null). */
  public static CaptureEvent withSource(CaptureEvent event, UnaryOperator<Source> change) {
    Source s = change.apply(event.source());
    return switch (event) {
      case HttpEvent e -> new HttpEvent(e.id(), e.seq(), e.startedAt(), e.endedAt(), e.requestId(), e.url(),
          e.method(), e.request(), e.response(), e.timing(), e.redirects(), e.error(), e.resourceType(),
          e.initiator(), s);
      case WsOpenEvent e -> new WsOpenEvent(e.id(), e.seq(), e.timestamp(), e.connectionId(), e.url(),
          e.requestHeaders(), e.status(), e.responseHeaders(), s);
      case WsFrameEvent e -> new WsFrameEvent(e.id(), e.seq(), e.timestamp(), e.connectionId(), e.url(),
          e.direction(), e.opcode(), e.payload(), e.length(), s);
      case WsCloseEvent e -> new WsCloseEvent(e.id(), e.seq(), e.timestamp(), e.connectionId(), e.url(), s);
      case WsErrorEvent e -> new WsErrorEvent(e.id(), e.seq(), e.timestamp(), e.connectionId(), e.url(),
          e.message(), s);
      case SseEvent e -> new SseEvent(e.id(), e.seq(), e.timestamp(), e.requestId(), e.url(), e.event(),
          e.lastEventId(), e.data(), e.via(), s);
      case CaptureGapEvent e -> new CaptureGapEvent(e.id(), e.seq(), e.timestamp(), e.droppedEvents(),
          e.droppedBytes(), e.firstDroppedAt(), e.lastDroppedAt(), e.reason(), s);
      case CaptureErrorEvent e -> new CaptureErrorEvent(e.id(), e.seq(), e.timestamp(), e.kind(), e.message(), s);
    };
  }
}
