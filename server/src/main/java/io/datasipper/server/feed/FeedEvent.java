package io.datasipper.server.feed;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.route.Router;
import io.datasipper.server.ConfiguredStreams;
import io.datasipper.server.EventSummary;
import io.datasipper.server.JsonStrings;
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
  private volatile EventSummary summary;
  private volatile String summaryJson;
  private volatile Routed routed;
  private volatile RoutedMessage routedMessage;

  /** The streams that take the event, by the router that decided them. */
  private record Routed(Router router, List<String> streams) {}

  /** The event, whole or summed up, with its streams: clients asking alike share it. */
  private record RoutedMessage(Router router, boolean summed, String message) {}

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
  EventSummary summary() {
    EventSummary s = summary;
    if (s == null) {
      s = EventSummary.of(event());
      summary = s;
    }
    return s;
  }

  private String summaryJson() {
    String text = summaryJson;
    if (text == null) {
      text = summary().json();
      summaryJson = text;
    }
    return text;
  }

  /**
   * The configured streams that take the event, by {@code router}; none for an event this version
   * cannot read.
   */
  List<String> streams(Router router) {
    Routed r = routed;
    if (r == null || r.router() != router) {
      List<String> streams;
      try {
        streams = ConfiguredStreams.of(router, type, this::event);
      } catch (IllegalArgumentException unreadable) {
        streams = List.of();
      }
      r = new Routed(router, streams);
      routed = r;
    }
    return r.streams();
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
    String event = summed ? summaryJson() : json();
    if (router == null) {
      return event;
    }
    RoutedMessage m = routedMessage;
    if (m == null || m.router() != router || m.summed() != summed) {
      StringBuilder message = new StringBuilder(event.length() + 64).append("{\"event\":").append(event)
          .append(",\"streams\":");
      m = new RoutedMessage(router, summed, JsonStrings.appendArray(streams(router), message).append('}').toString());
      routedMessage = m;
    }
    return m.message();
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
