package io.datasipper.capture.network;

import java.util.List;

/**
 * A {@code text/event-stream} response that the page reads with fetch or XHR rather than
 * EventSource (whose messages the browser reports itself), parsed as its bytes arrive once the
 * browser streams them. Measured on Chromium 156: {@code Network.streamResourceContent} answers
 * with the bytes received so far, and every later {@code dataReceived} carries its chunk; the
 * chunks before the answer come without bytes, so only their time is kept, as the arrival time of
 * the messages in the answer. When the browser cannot stream (older versions, or the response had
 * already finished), the whole body is parsed at the end instead, so each message is made once.
 */
final class LiveEventStream {
  private SseParser parser;
  private double lastChunkAt;
  private String wholeBody;

  LiveEventStream(double respondedAt) {
    this.lastChunkAt = respondedAt;
  }

  /** The browser streams the body from now on; returns the messages in what it had buffered. */
  List<SseParser.Message> start(byte[] buffered) {
    parser = new SseParser();
    return parser.feed(buffered);
  }

  /** A chunk arrived: with its bytes once streaming, without them before. */
  List<SseParser.Message> chunk(double at, byte[] bytes) {
    lastChunkAt = at;
    return parser == null || bytes == null ? List.of() : parser.feed(bytes);
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
