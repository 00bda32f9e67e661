package io.datasipper.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent.Timing;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A WebSocket connection, joined from its ws_open, ws_frame, ws_close and ws_error events on
 * {@code connectionId}, and written as a HAR entry in Chrome's form. Its messages live in a
 * {@link SpooledStreams}; this object keeps only the handshake and times.
 */
final class WebSocketConnection {
  private static final int SWITCHING_PROTOCOLS = 101;

  /**
   * For a connection opened before DataSipper attached, whose URL the browser never reported:
   * HAR requires a URL, and RFC 2606 reserves {@code .invalid} for names that must not resolve.
   */
  private static final String UNKNOWN_URL = "ws://unknown.invalid/";

  private final String connectionId;
  private final String url;
  private Source source;
  private WsOpenEvent open;
  private Instant firstAt;
  private Instant lastAt;
  private long firstSeq = Long.MAX_VALUE;
  private String error;
  private Instant errorAt;
  private boolean closed;

  WebSocketConnection(String connectionId, String url) {
    this.connectionId = connectionId;
    this.url = url;
  }

  String connectionId() {
    return connectionId;
  }

  /** Records any event of the connection. */
  void see(Instant at, long seq, Source eventSource) {
    firstAt = firstAt == null || at.isBefore(firstAt) ? at : firstAt;
    lastAt = lastAt == null || at.isAfter(lastAt) ? at : lastAt;
    firstSeq = Math.min(firstSeq, seq);
    source = source == null ? eventSource : source;
  }

  void opened(WsOpenEvent event) {
    open = event;
  }

  /** Keeps the first error, the one that most likely explains the rest. */
  void failed(Instant at, String message) {
    if (error == null) {
      error = message;
      errorAt = at;
    }
  }

  void closed() {
    closed = true;
  }

  Instant startedAt() {
    return open != null ? open.timestamp() : firstAt;
  }

  long firstSeq() {
    return firstSeq;
  }

  Source source() {
    return source;
  }

  /**
   * A frame as an element of Chrome's {@code _webSocketMessages}, or null for a control frame:
   * Chrome lists only text (opcode 1) and binary (opcode 2) messages. Binary data stays base64.
   */
  static byte[] message(WsFrameEvent f) throws IOException {
    if (f.opcode() == WsFrameEvent.Opcode.CONTROL) {
      return null;
    }
    return HarJson.bytes(g -> {
      g.writeStartObject();
      g.writeStringField("type", f.direction() == WsFrameEvent.Direction.SENT ? "send" : "receive");
      g.writeNumberField("time", HarJson.epochSeconds(f.timestamp()));
      g.writeNumberField("opcode", f.opcode() == WsFrameEvent.Opcode.TEXT ? 1 : 2);
      g.writeStringField("data", Objects.requireNonNullElse(f.payload().data(), ""));
      g.writeEndObject();
    });
  }

  /**
   * Writes the entry: a GET of the ws URL answered 101, whose time spans the connection's life.
   * Without a ws_open event the handshake is unknown; frames prove it succeeded, so it is 101 then.
   * DataSipper's own fields say whether the handshake was seen and the connection closed.
   */
  void write(JsonGenerator g, String pageref, long messageCount, HarJson.Part messages) throws IOException {
    double lifeMs = HarJson.millisBetween(startedAt(), lastAt);
    Timing timing = new Timing(-1, -1, -1, -1, 0, 0, Math.max(0, lifeMs), Math.max(0, lifeMs));
    int status = open != null ? open.status() : messageCount > 0 ? SWITCHING_PROTOCOLS : 0;
    List<EventHeader> requestHeaders = open == null ? null : open.requestHeaders();
    List<EventHeader> responseHeaders = open == null ? null : open.responseHeaders();
    boolean urlKnown = url != null && !url.isEmpty();
    HarParts.startEntry(g, startedAt(), timing, pageref);
    HarParts.request(g, "GET", urlKnown ? url : UNKNOWN_URL, "HTTP/1.1", requestHeaders, null);
    HarParts.response(g, status, status == SWITCHING_PROTOCOLS ? "Switching Protocols" : "",
        status == 0 ? "" : "HTTP/1.1", responseHeaders, null, null, 0);
    HarParts.cacheAndTimings(g, timing);
    if (!urlKnown) {
      g.writeStringField("comment", "URL unknown: the connection was opened before DataSipper attached");
    }
    g.writeStringField("_resourceType", "websocket");
    if (open == null) {
      // The status says the handshake succeeded, as the frames prove; this says it was not seen, so
      // that an import does not make up a ws_open event for it.
      g.writeBooleanField("_webSocketHandshakeSeen", false);
    }
    // An import cannot tell from the entry's time alone: a connection may close in the millisecond
    // of its last message, or end in an error and stay open.
    g.writeBooleanField("_webSocketClosed", closed);
    if (error != null) {
      g.writeStringField("_error", error);
      // In the messages' form, so that an import puts the error back among them at its own time.
      g.writeNumberField("_webSocketErrorTime", HarJson.epochSeconds(errorAt));
    }
    g.writeArrayFieldStart("_webSocketMessages");
    messages.write(g);
    g.writeEndArray();
    g.writeEndObject();
  }
}
