package io.datasipper.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import io.datasipper.api.json.IsoInstants;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * An event as a list shows it: {@code seq}, {@code type}, {@code time} and, where the event has
 * them, {@code tab_id}, {@code url}, {@code method}, {@code status}, {@code size} (the response
 * body's, the frame's or the message's), {@code duration_ms}, {@code direction} and {@code text}
 * (an error's message, a gap's reason, a server-sent event's name). No headers, bodies or payloads:
 * an event whole can weigh megabytes, and the dashboard's live table, which only shows a line of
 * each, was sent every one of them. Documented as {@code EventSummary} in the OpenAPI document.
 */
public final class EventSummary {
  private static final JsonFactory JSON = new JsonFactory();

  private EventSummary() {}

  /** The event's summary as a JSON object. */
  public static String json(CaptureEvent event) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      out.writeNumberField("seq", event.seq());
      out.writeStringField("type", event.type());
      if (event.timestamp() != null) {
        out.writeStringField("time", IsoInstants.format(event.timestamp()));
      }
      if (event.source() != null && event.source().tabId() != null) {
        out.writeStringField("tab_id", event.source().tabId());
      }
      if (event.url() != null) {
        out.writeStringField("url", event.url());
      }
      writeOwnFields(event, out);
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an event summary", e); // a StringWriter does not fail
    }
    return text.toString();
  }

  private static void writeOwnFields(CaptureEvent event, JsonGenerator out) throws IOException {
    switch (event) {
      case HttpEvent e -> {
        out.writeStringField("method", e.method());
        if (e.response() != null) {
          out.writeNumberField("status", e.response().status());
          writeSize(e.response().body(), out);
        }
        if (e.startedAt() != null && e.endedAt() != null) {
          out.writeNumberField("duration_ms", Duration.between(e.startedAt(), e.endedAt()).toNanos() / 1e6);
        }
      }
      case WsOpenEvent e -> {
        if (e.status() > 0) {
          out.writeNumberField("status", e.status());
        }
      }
      case WsFrameEvent e -> {
        out.writeStringField("direction", e.direction() == WsFrameEvent.Direction.SENT ? "sent" : "received");
        out.writeNumberField("size", e.length());
      }
      case WsCloseEvent e -> { }
      case WsErrorEvent e -> writeText(e.message(), out);
      case SseEvent e -> {
        if (e.data() != null) {
          out.writeNumberField("size", e.data().length());
        }
        writeText(e.event(), out);
      }
      case CaptureGapEvent e -> writeText(e.reason(), out);
      case CaptureErrorEvent e -> writeText(e.message(), out);
    }
  }

  private static void writeSize(Body body, JsonGenerator out) throws IOException {
    if (body != null) {
      out.writeNumberField("size", body.size());
    }
  }

  private static void writeText(String text, JsonGenerator out) throws IOException {
    if (text != null) {
      out.writeStringField("text", text);
    }
  }
}
