package io.datasipper.capture.network;

import io.datasipper.api.event.Body;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A {@code text/event-stream} response that the page reads with fetch or XHR rather than
 * EventSource (whose messages the browser reports itself), parsed as its bytes arrive once the
 * browser streams them. Measured on Chromium 156: {@code Network.streamResourceContent} answers
 * with the bytes received so far, and every later {@code dataReceived} carries its chunk; the
 * chunks before the answer come without bytes, so only their time is kept, as the arrival time of
 * the messages in the answer. When the browser cannot stream (older versions, or the response had
 * already finished), the whole body is parsed at the end instead, so each message is made once.
 *
 * <p>A streamed body is also kept from its bytes, up to the body limit, rather than asked for again
 * at the end: Chromium reports a stream the page read with {@code getReader()} as canceled, and then
 * has no body to give, and it decodes a body without a declared charset as windows-1252, while an
 * event stream is always UTF-8.
 */
final class LiveEventStream {
  private final long bodyLimit;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private long bodyBytes;
  private SseParser parser;
  private double lastChunkAt;
  private String wholeBody;

  /** @param bodyLimit how many bytes of the body to keep */
  LiveEventStream(double respondedAt, long bodyLimit) {
    this.lastChunkAt = respondedAt;
    this.bodyLimit = bodyLimit;
  }

  /** The browser streams the body from now on; returns the messages in what it had buffered. */
  List<SseParser.Message> start(byte[] buffered) {
    parser = new SseParser();
    keep(buffered);
    return parser.feed(buffered);
  }

  /** A chunk arrived: with its bytes once streaming, without them before. */
  List<SseParser.Message> chunk(double at, byte[] bytes) {
    lastChunkAt = at;
    if (parser == null || bytes == null) {
      return List.of();
    }
    keep(bytes);
    return parser.feed(bytes);
  }

  /** True once the browser streams the body: {@link #streamedBody} then holds it. */
  boolean isStreamed() {
    return parser != null;
  }

  /** The body as it streamed, as UTF-8 text, cut at the limit. */
  Body streamedBody() {
    return Bodies.fromUtf8Prefix(body.toByteArray(), bodyBytes);
  }

  private void keep(byte[] bytes) {
    bodyBytes += bytes.length;
    long room = bodyLimit - body.size();
    if (room > 0) {
      body.write(bytes, 0, (int) Math.min(room, bytes.length));
    }
  }

  /** Browser monotonic seconds of the latest chunk (or of the response, before any). */
  double lastChunkAt() {
    return lastChunkAt;
  }

  void bodyRead(String body) {
    wholeBody = body;
  }

  /** The messages still to make when the exchange ends: none if they were parsed live. */
  List<SseParser.Message> messagesAtEnd() {
    return parser != null || wholeBody == null ? List.of() : SseParser.parse(wholeBody);
  }
}
