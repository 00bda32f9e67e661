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
import java.util.Locale;
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
  /** The fields, in the order they are written; each one's JSON key is its name in lower case. */
  private enum Key {
    SEQ, TYPE, TIME, TAB_ID, URL, METHOD, DIRECTION, STATUS, SIZE, DURATION_MS, TEXT;

    /** {@code "key":}, as a member of an object starts. */
    private final String member = '"' + name().toLowerCase(Locale.ROOT) + "\":";
  }

  private static final Key[] KEYS = Key.values();

  /** Each key's value as JSON text, by the key's ordinal; null where the event has none. */
  private final String[] values = new String[KEYS.length];

  private EventSummary() {}

  /** The event's summary. */
  public static EventSummary of(CaptureEvent event) {
    EventSummary s = new EventSummary();
    s.set(Key.SEQ, Long.toString(event.seq()));
    s.set(Key.TYPE, JsonStrings.quoted(event.type()));
    if (event.timestamp() != null) {
      s.set(Key.TIME, JsonStrings.quoted(IsoInstants.format(event.timestamp())));
    }
    if (event.source() != null && event.source().tabId() != null) {
      s.set(Key.TAB_ID, JsonStrings.quoted(event.source().tabId()));
    }
    if (event.url() != null) {
      s.set(Key.URL, JsonStrings.quoted(event.url()));
    }
    s.setOwnFields(event);
    return s;
  }

  private void set(Key key, String json) {
    values[key.ordinal()] = json;
  }

  private void setOwnFields(CaptureEvent event) {
    switch (event) {
      case HttpEvent e -> {
        set(Key.METHOD, JsonStrings.quoted(e.method()));
        if (e.response() != null) {
          set(Key.STATUS, Integer.toString(e.response().status()));
          setSize(e.response().body());
        }
        if (e.startedAt() != null && e.endedAt() != null) {
          set(Key.DURATION_MS, Double.toString(Duration.between(e.startedAt(), e.endedAt()).toNanos() / 1e6));
        }
      }
      case WsOpenEvent e -> {
        if (e.status() > 0) {
          set(Key.STATUS, Integer.toString(e.status()));
        }
      }
      case WsFrameEvent e -> {
        set(Key.DIRECTION, e.direction() == WsFrameEvent.Direction.SENT ? "\"sent\"" : "\"received\"");
        set(Key.SIZE, Long.toString(e.length()));
      }
      case WsCloseEvent e -> { }
      case WsErrorEvent e -> set(Key.TEXT, JsonStrings.quoted(e.message()));
      case SseEvent e -> {
        if (e.data() != null) {
          set(Key.SIZE, Integer.toString(e.data().length()));
        }
        set(Key.TEXT, JsonStrings.quoted(e.event()));
      }
      case CaptureGapEvent e -> set(Key.TEXT, JsonStrings.quoted(e.reason()));
      case CaptureErrorEvent e -> set(Key.TEXT, JsonStrings.quoted(e.message()));
    }
  }

  private void setSize(Body body) {
    if (body != null) {
      set(Key.SIZE, Long.toString(body.size()));
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
      out.append(any ? "," : "").append(KEYS[i].member).append(value == null ? "null" : value);
      any = true;
    }
    return any;
  }
}
