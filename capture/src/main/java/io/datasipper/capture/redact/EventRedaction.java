package io.datasipper.capture.redact;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Redacts every place of an event where a secret can be: each URL (the event's, redirects',
 * the initiator's, the source document's), headers, bodies, text frames and SSE data.
 */
final class EventRedaction {
  private final Redactor r;

  EventRedaction(Redactor redactor) {
    this.r = redactor;
  }

  CaptureEvent redact(CaptureEvent event) {
    return switch (event) {
      case HttpEvent e -> http(e);
      case WsOpenEvent e -> new WsOpenEvent(e.id(), e.seq(), e.timestamp(), e.connectionId(), r.url(e.url()),
          headers(e.requestHeaders()), e.status(), headers(e.responseHeaders()), source(e.source()));
      case WsFrameEvent e -> new WsFrameEvent(e.id(), e.seq(), e.timestamp(), e.connectionId(), r.url(e.url()),
          e.direction(), e.opcode(), e.opcode() == WsFrameEvent.Opcode.TEXT ? r.body(e.payload(), null) : e.payload(),
          e.length(), source(e.source()));
      case WsCloseEvent e -> new WsCloseEvent(e.id(), e.seq(), e.timestamp(), e.connectionId(), r.url(e.url()),
          source(e.source()));
      case WsErrorEvent e -> new WsErrorEvent(e.id(), e.seq(), e.timestamp(), e.connectionId(), r.url(e.url()),
          r.text(e.message(), null), source(e.source()));
      case SseEvent e -> new SseEvent(e.id(), e.seq(), e.timestamp(), e.requestId(), r.url(e.url()), e.event(),
          e.lastEventId(), r.text(e.data(), null), e.via(), source(e.source()));
      default -> event; // gaps and capture errors carry no traffic
    };
  }

  private HttpEvent http(HttpEvent e) {
    HttpEvent.HttpRequest request = e.request();
    if (request != null) {
      request = new HttpEvent.HttpRequest(headers(request.headers()),
          r.body(request.body(), EventHeader.find(request.headers(), "content-type")));
    }
    HttpEvent.HttpResponse res = e.response();
    if (res != null) {
      res = new HttpEvent.HttpResponse(res.status(), res.statusText(), headers(res.headers()), res.mimeType(),
          r.body(res.body(), res.mimeType()), res.protocol(), res.remoteIp(), res.remotePort(), res.fromCache());
    }
    List<HttpEvent.Redirect> redirects = e.redirects() == null ? null : e.redirects().stream()
        .map(h -> new HttpEvent.Redirect(r.url(h.url()), h.method(), h.status(), h.statusText(), r.url(h.location())))
        .toList();
    HttpEvent.Initiator initiator = e.initiator() == null ? null
        : new HttpEvent.Initiator(e.initiator().type(), r.url(e.initiator().url()));
    return new HttpEvent(e.id(), e.seq(), e.startedAt(), e.endedAt(), e.requestId(), r.url(e.url()), e.method(),
        request, res, e.timing(), redirects, e.error(), e.resourceType(), initiator, source(e.source()));
  }

  private List<EventHeader> headers(List<EventHeader> headers) {
    if (headers == null || headers.isEmpty()) {
      return headers;
    }
    List<EventHeader> out = new ArrayList<>(headers.size());
    for (EventHeader h : headers) {
      String value = r.header(h.name(), h.value());
      out.add(value == h.value() ? h : new EventHeader(h.name(), value));
    }
    return out;
  }

  private Source source(Source s) {
    return s == null || s.documentUrl() == null ? s : s.withDocumentUrl(r.url(s.documentUrl()));
  }
}
