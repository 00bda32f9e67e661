package io.datasipper.server;

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
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An event as a list shows it: {@code seq}, {@code type}, {@code time} and, where the event has
 * them, {@code tab_id}, {@code url}, {@code method}, {@code direction}, {@code status}, {@code size}
 * (the response body's, the frame's or the message's), {@code duration_ms} and {@code text} (an
 * error's message, a gap's reason, a server-sent event's name). No headers, bodies or payloads: an
 * event whole can weigh megabytes, and the dashboard's live table, which only shows a line of each,
 * was sent every one of them. Documented as {@code EventSummary} in the OpenAPI document.
 *
 * <p>Kept as each field's JSON text, so that the feed can send of an event only the fields that
 * differ from the event before it ({@link #appendChanges}).
 */
public final class EventSummary {
  /** The keys, in the order they are written. */
  private static final List<String> KEYS =
      List.of("seq", "type", "time", "tab_id", "url", "method", "direction", "status", "size", "duration_ms", "text");
  private static final int SEQ = 0;
  private static final int TYPE = 1;
  private static final int TIME = 2;
  private static final int TAB_ID = 3;
  private static final int URL = 4;
  private static final int METHOD = 5;
  private static final int DIRECTION = 6;
  private static final int STATUS = 7;
  private static final int SIZE = 8;
  private static final int DURATION_MS = 9;
  private static final int TEXT = 10;

  /** Each key's value as JSON text; null where the event has none. */
  private final String[] values = new String[KEYS.size()];

  private EventSummary() {}

  /** The event's summary. */
  public static EventSummary of(CaptureEvent event) {
    EventSummary s = new EventSummary();
    s.values[SEQ] = Long.toString(event.seq());
    s.values[TYPE] = JsonStrings.quoted(event.type());
    if (event.timestamp() != null) {
      s.values[TIME] = JsonStrings.quoted(IsoInstants.format(event.timestamp()));
    }
    if (event.source() != null && event.source().tabId() != null) {
      s.values[TAB_ID] = JsonStrings.quoted(event.source().tabId());
    }
    if (event.url() != null) {
      s.values[URL] = JsonStrings.quoted(event.url());
    }
    s.setOwnFields(event);
    return s;
  }

  private void setOwnFields(CaptureEvent event) {
    switch (event) {
      case HttpEvent e -> {
        values[METHOD] = JsonStrings.quoted(e.method());
        if (e.response() != null) {
          values[STATUS] = Integer.toString(e.response().status());
          setSize(e.response().body());
        }
        if (e.startedAt() != null && e.endedAt() != null) {
          values[DURATION_MS] = Double.toString(Duration.between(e.startedAt(), e.endedAt()).toNanos() / 1e6);
        }
      }
      case WsOpenEvent e -> {
        if (e.status() > 0) {
          values[STATUS] = Integer.toString(e.status());
        }
      }
      case WsFrameEvent e -> {
        values[DIRECTION] = e.direction() == WsFrameEvent.Direction.SENT ? "\"sent\"" : "\"received\"";
        values[SIZE] = Long.toString(e.length());
      }
      case WsCloseEvent e -> { }
      case WsErrorEvent e -> values[TEXT] = JsonStrings.quoted(e.message());
      case SseEvent e -> {
        if (e.data() != null) {
          values[SIZE] = Integer.toString(e.data().length());
        }
        values[TEXT] = JsonStrings.quoted(e.event());
      }
      case CaptureGapEvent e -> values[TEXT] = JsonStrings.quoted(e.reason());
      case CaptureErrorEvent e -> values[TEXT] = JsonStrings.quoted(e.message());
    }
  }

  private void setSize(Body body) {
    if (body != null) {
      values[SIZE] = Long.toString(body.size());
    }
  }

  /** The summary as a JSON object. */
  public String json() {
    StringBuilder out = new StringBuilder(256).append('{');
    appendChanges(null, out);
    return out.append('}').toString();
  }

  /**
   * Appends, as JSON members, the fields whose values differ from {@code before}'s: each as
   * {@code "key":value}, or {@code "key":null} for a field {@code before} has and this summary has
   * not; every field this summary has when {@code before} is null.
   *
   * @return whether it appended any
   */
  public boolean appendChanges(EventSummary before, StringBuilder out) {
    boolean any = false;
    for (int i = 0; i < values.length; i++) {
      String value = values[i];
      String was = before == null ? null : before.values[i];
      if (Objects.equals(value, was)) {
        continue;
      }
      out.append(any ? ",\"" : "\"").append(KEYS.get(i)).append("\":").append(value == null ? "null" : value);
      any = true;
    }
    return any;
  }
}
