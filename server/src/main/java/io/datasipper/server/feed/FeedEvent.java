package io.datasipper.server.feed;

import io.datasipper.api.event.CaptureEvent;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.datasipper.api.json.EventJson;
import io.datasipper.route.Router;
import io.datasipper.server.ConfiguredStreams;
import io.datasipper.store.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One event on its way to the feed's clients, shared by all of them: its JSON text and its typed
 * form are each made once, on first use, by whichever client's sender needs it first (never on the
 * capture thread). Thread-safe: two senders racing to make the same text make equal texts.
 */
final class FeedEvent implements QueueItem {
  private final long seq;
  private final String type;
  private final long bytes;
  private volatile CaptureEvent event;
  private volatile String json;
  private volatile Routed routed;

  /** The event with its streams, by the router that decided them: clients routing alike share it. */
  private record Routed(Router router, String message) {}

  private FeedEvent(long seq, String type, long bytes, CaptureEvent event, String json) {
    this.seq = seq;
    this.type = type;
    this.bytes = bytes;
    this.event = event;
    this.json = json;
  }

  /** An event as captured, before (or while) it is stored. */
  static FeedEvent captured(CaptureEvent event) {
    return new FeedEvent(event.seq(), event.type(), event.approximateBytes(), event, null);
  }

  /** An event read back from the store; null if its stored text cannot be read as an event. */
  static FeedEvent stored(StoredEvent stored) {
    if (stored.unreadable() != null) {
      return null;
    }
    return new FeedEvent(stored.seq(), stored.type(), stored.jsonUtf8().length, null, new String(stored.jsonUtf8(),
        StandardCharsets.UTF_8));
  }

  long seq() {
    return seq;
  }

  /** The event's type name, known without reading the event. */
  String type() {
    return type;
  }

  /** What it weighs in a client's queue: the event's approximate size, or its stored text's. */
  long bytes() {
    return bytes;
  }

  /** The event as it is stored and shipped (docs/events.md). */
  String json() {
    String text = json;
    if (text == null) {
      text = EventJson.write(event);
      json = text;
    }
    return text;
  }

  /**
   * The feed's message for a client that asked for streams: {@code {"event": <json>, "streams":
   * [...]}}, the streams the router sends the event to (none for an event this version cannot read).
   */
  String withStreams(Router router) {
    Routed r = routed;
    if (r == null || r.router() != router) {
      List<String> streams;
      try {
        streams = ConfiguredStreams.of(router, type, this::event);
      } catch (IllegalArgumentException unreadable) {
        streams = List.of();
      }
      StringBuilder message = new StringBuilder(json().length() + 64).append("{\"event\":").append(json())
          .append(",\"streams\":[");
      for (int i = 0; i < streams.size(); i++) {
        message.append(i == 0 ? "\"" : ",\"").append(JsonStringEncoder.getInstance().quoteAsString(streams.get(i)))
            .append('"');
      }
      r = new Routed(router, message.append("]}").toString());
      routed = r;
    }
    return r.message();
  }

  /**
   * The typed event, for filters.
   *
   * @throws IllegalArgumentException if the stored text is not an event this version knows
   */
  CaptureEvent event() {
    CaptureEvent e = event;
    if (e == null) {
      e = EventJson.read(json);
      event = e;
    }
    return e;
  }
}
