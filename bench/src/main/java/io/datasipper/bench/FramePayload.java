package io.datasipper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The text of one benchmark frame: {@code {"k":step,"s":seq,"t":sendNanos,"p":"xxx..."}}, padded to a
 * fixed length. The send time is {@link System#nanoTime} of the server: on Linux the machine's
 * monotonic clock, which every process reads alike, so a reader's own nanoTime minus it is the
 * frame's latency, in this JVM or another.
 */
record FramePayload(int step, long seq, long sentNanos) {
  static final int MIN_BYTES = 64;
  /** The length of a frame without padding, give or take the digits of its numbers. */
  private static final int FIELD_BYTES = 48;

  private static final ObjectMapper JSON = new ObjectMapper();

  static String format(int step, long seq, long sentNanos, String padding) {
    return "{\"k\":" + step + ",\"s\":" + seq + ",\"t\":" + sentNanos + ",\"p\":\"" + padding + "\"}";
  }

  /** Padding that brings a frame to about {@code payloadBytes} in total. */
  static String padding(int payloadBytes) {
    return "x".repeat(payloadBytes - FIELD_BYTES);
  }

  /** Parses a frame's text as JSON, as a consumer of the data would; null if it is not a frame of ours. */
  static FramePayload parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      JsonNode step = node.get("k");
      JsonNode seq = node.get("s");
      JsonNode sent = node.get("t");
      if (step == null || seq == null || sent == null) {
        return null;
      }
      return new FramePayload(step.asInt(), seq.asLong(), sent.asLong());
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
