package io.datasipper.store;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What full-text search reads of an event, as stored in the {@code event_text} FTS5 table: its URL
 * and its text bodies (an HTTP request's and response's, a WebSocket text frame's, a server-sent
 * event's data). Binary bodies, stored as base64, and omitted ones hold no words to find.
 *
 * @param body the text bodies, one per line; null when there are none
 */
record EventText(long seq, String url, String body) {
  static final String INSERT = "INSERT INTO event_text (rowid, url, body) VALUES (?, ?, ?)";

  static EventText of(CaptureEvent e) {
    return new EventText(e.seq(), e.url(), body(e));
  }

  /** Whether there is anything to index: an event with neither URL nor text body is found by no search. */
  boolean isEmpty() {
    return url == null && body == null;
  }

  static String body(CaptureEvent e) {
    List<String> texts = new ArrayList<>();
    switch (e) {
      case HttpEvent h -> {
        if (h.request() != null) {
          add(texts, h.request().body());
        }
        if (h.response() != null) {
          add(texts, h.response().body());
        }
      }
      case WsFrameEvent f -> add(texts, f.payload());
      case SseEvent s -> {
        if (s.data() != null) {
          texts.add(s.data());
        }
      }
      default -> {
        // Other events carry no body.
      }
    }
    return texts.isEmpty() ? null : String.join("\n", texts);
  }

  private static void add(List<String> texts, Body body) {
    if (body != null && body.encoding() == Body.Encoding.TEXT && body.data() != null) {
      texts.add(body.data());
    }
  }
}
