package io.datasipper.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.datasipper.api.event.HttpEvent.Timing;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The SSE messages of one request, grouped on {@code requestId}. They go into the entry of the
 * HTTP exchange that carried them ({@link SseJoin}); when that exchange was not captured (the
 * stream was still open when the capture ended), the stream gets an entry of its own.
 */
final class SseStream {
  private final String requestId;
  private final String url;
  private final Source source;
  private final SseEvent.Via via;
  private final Instant firstAt;
  private final long firstSeq;
  private Instant lastAt;

  SseStream(SseEvent first) {
    requestId = first.requestId();
    url = first.url();
    source = first.source();
    via = first.via();
    firstAt = first.timestamp();
    lastAt = first.timestamp();
    firstSeq = first.seq();
  }

  void see(SseEvent e) {
    lastAt = e.timestamp().isAfter(lastAt) ? e.timestamp() : lastAt;
  }

  String requestId() {
    return requestId;
  }

  String url() {
    return url;
  }

  Source source() {
    return source;
  }

  Instant firstAt() {
    return firstAt;
  }

  long firstSeq() {
    return firstSeq;
  }

  /** A message as an element of {@code _eventSourceMessages}, in the shape of Chrome's EventSource panel. */
  static byte[] message(SseEvent e) throws IOException {
    return HarJson.bytes(g -> {
      g.writeStartObject();
      g.writeNumberField("time", HarJson.epochSeconds(e.timestamp()));
      g.writeStringField("eventName", Objects.requireNonNullElse(e.event(), "message"));
      g.writeStringField("eventId", Objects.requireNonNullElse(e.lastEventId(), ""));
      g.writeStringField("data", Objects.requireNonNullElse(e.data(), ""));
      g.writeEndObject();
    });
  }

  /** Writes the {@code _eventSourceMessages} field. */
  static void writeMessages(JsonGenerator g, HarJson.Part messages) throws IOException {
    g.writeArrayFieldStart("_eventSourceMessages");
    messages.write(g);
    g.writeEndArray();
  }

  /** An entry for a stream whose HTTP exchange is missing; messages arrived, so the response was 200. */
  void writeOwnEntry(JsonGenerator g, String pageref, HarJson.Part messages) throws IOException {
    double lifeMs = HarJson.millisBetween(firstAt, lastAt);
    Timing timing = new Timing(-1, -1, -1, -1, 0, 0, lifeMs, lifeMs);
    HarParts.startEntry(g, firstAt, timing, pageref);
    HarParts.request(g, "GET", url, "", List.of(), null);
    HarParts.response(g, 200, "", "", List.of(), "text/event-stream", null, -1);
    HarParts.cacheAndTimings(g, timing);
    g.writeStringField("comment", "made by DataSipper for SSE messages whose HTTP exchange was not captured;"
        + " the response is inferred and times run from the first to the last message");
    g.writeStringField("_resourceType", via == SseEvent.Via.FETCH ? "fetch" : "eventsource");
    writeMessages(g, messages);
    g.writeEndObject();
  }
}
