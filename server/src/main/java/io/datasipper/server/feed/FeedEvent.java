package io.datasipper.server.feed;

import io.datasipper.api.event.CaptureEvent;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.datasipper.api.json.EventJson;
import io.datasipper.route.Router;
import io.datasipper.server.ConfiguredStreams;
import io.datasipper.server.EventSummary;
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
  private volatile String summary;
  private volatile Routed routed;

  /**
   * The event, whole or summed up, with its streams by the router that decided them: clients
   * asking alike share it.
   */
  private record Routed(Router router, boolean summed, String message) {}

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
   * The event as a list shows it ({@link EventSummary}).
   *
   * @throws IllegalArgumentException if the stored text is not an event this version knows
   */
  String summary() {
    String text = summary;
    if (text == null) {
      text = EventSummary.json(event());
      summary = text;
    }
    return text;
  }

  /**
   * The feed's message of this event for a client: its JSON or its summary, alone or, for a client
   * that asked for streams, as {@code {"event": ..., "streams": [...]}} with the streams the router
   * sends the event to (none for an event this version cannot read).
   *
   * @param router the streams' router; null for a client that did not ask for streams
   * @param summed whether the client asked for summaries
   * @throws IllegalArgumentException if a summary is asked of a stored text this version cannot read
   */
  String message(Router router, boolean summed) {
    String event = summed ? summary() : json();
    if (router == null) {
      return event;
    }
    Routed r = routed;
    if (r == null || r.router() != router || r.summed() != summed) {
      List<String> streams;
      try {
        streams = ConfiguredStreams.of(router, type, this::event);
      } catch (IllegalArgumentException unreadable) {
        streams = List.of();
      }
      StringBuilder message = new StringBuilder(event.length() + 64).append("{\"event\":").append(event)
          .append(",\"streams\":[");
      for (int i = 0; i < streams.size(); i++) {
        message.append(i == 0 ? "\"" : ",\"").append(JsonStringEncoder.getInstance().quoteAsString(streams.get(i)))
            .append('"');
      }
      r = new Routed(router, summed, message.append("]}").toString());
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
