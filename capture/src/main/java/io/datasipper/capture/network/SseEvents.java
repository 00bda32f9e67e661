package io.datasipper.capture.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.SseEvent;
import java.time.Instant;
import java.util.List;

/** Makes {@code sse} events of an exchange's messages, whether the browser parsed them or we did. */
final class SseEvents {
  private final Emitter emitter;
  private final BrowserClock clock;

  SseEvents(Emitter emitter, BrowserClock clock) {
    this.emitter = emitter;
    this.clock = clock;
  }

  /** A message the browser parsed for an EventSource ({@code Network.eventSourceMessageReceived}). */
  void fromEventSource(Exchange x, JsonNode p) {
    String eventName = p.path("eventName").asText("");
    String eventId = p.path("eventId").asText("");
    emitter.emit((id, seq) -> new SseEvent(id, seq, clock.toInstant(p.path("timestamp").asDouble()), x.requestId,
        x.url, eventName.isEmpty() ? "message" : eventName, eventId.isEmpty() ? null : eventId,
        p.path("data").asText(), SseEvent.Via.EVENT_SOURCE, x.source));
  }

  /** Messages parsed from a body the page read with fetch or XHR, all arrived at one time. */
  void fromBody(Exchange x, List<SseParser.Message> messages, double arrivedMonotonic) {
    if (messages.isEmpty()) {
      return;
    }
    Instant when = clock.toInstant(arrivedMonotonic);
    for (SseParser.Message m : messages) {
      emitter.emit((id, seq) -> new SseEvent(id, seq, when, x.requestId, x.url, m.event(), m.lastEventId(),
          m.data(), SseEvent.Via.FETCH, x.source));
    }
  }
}
