package io.datasipper.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WebSocketEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes an event's JSON field by field, exactly as {@link EventJson#mapper()} writes it from the
 * records' annotations (the type first, then the components in order, nulls left out). The mapper
 * works out how to write each record type by reflection the first time it writes one: 0.2 s of a
 * cold JVM for the first HTTP exchange, which was most of the way from a capture's first event to
 * the store. Kept in step with the records by {@code EventWriterTest}, which writes every type both
 * ways.
 */
final class EventWriter {
  private final JsonGenerator g;

  EventWriter(JsonGenerator g) {
    this.g = g;
  }

  void write(CaptureEvent event) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", event.type());
    g.writeStringField("id", event.id());
    g.writeNumberField("seq", event.seq());
    switch (event) {
      case HttpEvent e -> http(e);
      case WsOpenEvent e -> {
        connection(e);
        headers("request_headers", e.requestHeaders());
        g.writeNumberField("status", e.status());
        headers("response_headers", e.responseHeaders());
      }
      case WsFrameEvent e -> {
        connection(e);
        constant("direction", e.direction());
        constant("opcode", e.opcode());
        body("payload", e.payload());
        g.writeNumberField("length", e.length());
      }
      case WsCloseEvent e -> connection(e);
      case WsErrorEvent e -> {
        connection(e);
        string("message", e.message());
      }
      case SseEvent e -> {
        instant("timestamp", e.timestamp());
        string("request_id", e.requestId());
        string("url", e.url());
        string("event", e.event());
        string("last_event_id", e.lastEventId());
        string("data", e.data());
        constant("via", e.via());
      }
      case CaptureGapEvent e -> {
        instant("timestamp", e.timestamp());
        g.writeNumberField("dropped_events", e.droppedEvents());
        g.writeNumberField("dropped_bytes", e.droppedBytes());
        instant("first_dropped_at", e.firstDroppedAt());
        instant("last_dropped_at", e.lastDroppedAt());
        string("reason", e.reason());
      }
      case CaptureErrorEvent e -> {
        instant("timestamp", e.timestamp());
        string("kind", e.kind());
        string("message", e.message());
      }
    }
    source(event.source());
    g.writeEndObject();
  }

  private void http(HttpEvent e) throws IOException {
    instant("started_at", e.startedAt());
    instant("ended_at", e.endedAt());
    string("request_id", e.requestId());
    string("url", e.url());
    string("method", e.method());
    if (e.request() != null) {
      g.writeObjectFieldStart("request");
      headers("headers", e.request().headers());
      body("body", e.request().body());
      g.writeEndObject();
    }
    if (e.response() != null) {
      HttpEvent.HttpResponse r = e.response();
      g.writeObjectFieldStart("response");
      g.writeNumberField("status", r.status());
      string("status_text", r.statusText());
      headers("headers", r.headers());
      string("mime_type", r.mimeType());
      body("body", r.body());
      string("protocol", r.protocol());
      string("remote_ip", r.remoteIp());
      if (r.remotePort() != null) {
        g.writeNumberField("remote_port", r.remotePort());
      }
      g.writeBooleanField("from_cache", r.fromCache());
      g.writeEndObject();
    }
    if (e.timing() != null) {
      HttpEvent.Timing t = e.timing();
      g.writeObjectFieldStart("timing");
      g.writeNumberField("blocked_ms", t.blockedMs());
      g.writeNumberField("dns_ms", t.dnsMs());
      g.writeNumberField("connect_ms", t.connectMs());
      g.writeNumberField("ssl_ms", t.sslMs());
      g.writeNumberField("send_ms", t.sendMs());
      g.writeNumberField("wait_ms", t.waitMs());
      g.writeNumberField("receive_ms", t.receiveMs());
      g.writeNumberField("total_ms", t.totalMs());
      g.writeEndObject();
    }
    if (e.redirects() != null) {
      g.writeArrayFieldStart("redirects");
      for (HttpEvent.Redirect r : e.redirects()) {
        g.writeStartObject();
        string("url", r.url());
        string("method", r.method());
        g.writeNumberField("status", r.status());
        string("status_text", r.statusText());
        string("location", r.location());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (e.error() != null) {
      g.writeObjectFieldStart("error");
      string("kind", e.error().kind());
      string("text", e.error().text());
      string("blocked_reason", e.error().blockedReason());
      g.writeEndObject();
    }
    string("resource_type", e.resourceType());
    if (e.initiator() != null) {
      g.writeObjectFieldStart("initiator");
      string("type", e.initiator().type());
      string("url", e.initiator().url());
      g.writeEndObject();
    }
  }

  /** The fields every WebSocket event starts with. */
  private void connection(WebSocketEvent e) throws IOException {
    instant("timestamp", e.timestamp());
    string("connection_id", e.connectionId());
    string("url", e.url());
  }

  private void headers(String field, List<EventHeader> headers) throws IOException {
    if (headers == null) {
      return;
    }
    g.writeArrayFieldStart(field);
    for (EventHeader h : headers) {
      g.writeStartObject();
      string("name", h.name());
      string("value", h.value());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void body(String field, Body body) throws IOException {
    if (body == null) {
      return;
    }
    g.writeObjectFieldStart(field);
    constant("encoding", body.encoding());
    string("data", body.data());
    g.writeNumberField("size", body.size());
    g.writeBooleanField("truncated", body.truncated());
    string("omitted", body.omitted());
    g.writeEndObject();
  }

  private void source(Source s) throws IOException {
    if (s == null) {
      return;
    }
    g.writeObjectFieldStart("source");
    string("tab_id", s.tabId());
    string("frame_id", s.frameId());
    string("target_type", s.targetType());
    string("document_url", s.documentUrl());
    string("node", s.node());
    string("imported_from", s.importedFrom());
    g.writeEndObject();
  }

  private void string(String field, String value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value);
    }
  }

  private void instant(String field, Instant value) throws IOException {
    if (value != null) {
      g.writeStringField(field, IsoInstants.format(value));
    }
  }

  /** The events' enum constants are written as their names in lower case (their {@code @JsonProperty}). */
  private void constant(String field, Enum<?> value) throws IOException {
    if (value != null) {
      g.writeStringField(field, value.name().toLowerCase(Locale.ROOT));
    }
  }
}
