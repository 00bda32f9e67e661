package io.datasipper.capture.network;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a {@code text/event-stream} incrementally, following the HTML specification's
 * event-stream interpretation: lines end in CRLF, LF or CR; {@code data} lines are joined by
 * newlines, {@code event} names the message, {@code id} persists to later messages, comments,
 * {@code retry} and unknown fields carry no message content, and a block without data dispatches
 * nothing. A message is complete at its blank line, so input may be split anywhere, even inside a
 * line ending or a UTF-8 character; a last block without its blank line is never dispatched.
 */
final class SseParser {
  /** @param lastEventId the {@code id} in effect, or null when none was set (or it was reset) */
  record Message(String event, String lastEventId, String data) {}

  // Malformed bytes become U+FFFD, as in the browser's own decoding of event streams.
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE)
      .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private byte[] partialChar = new byte[0];
  private final StringBuilder line = new StringBuilder();
  private boolean atStreamStart = true;
  private boolean afterCr;
  private StringBuilder data;
  private String event;
  private String lastId;

  /** The messages of a whole body. */
  static List<Message> parse(String body) {
    return new SseParser().feed(body);
  }

  /** Takes the next bytes of the stream (UTF-8) and returns the messages they complete. */
  List<Message> feed(byte[] chunk) {
    ByteBuffer in = ByteBuffer.allocate(partialChar.length + chunk.length).put(partialChar).put(chunk).flip();
    // UTF-8 never yields more chars than bytes, so the decoder cannot overflow this buffer.
    CharBuffer chars = CharBuffer.allocate(in.remaining());
    utf8.decode(in, chars, false);
    partialChar = new byte[in.remaining()];
    in.get(partialChar);
    return feed(chars.flip());
  }

  /** Takes the next characters of the stream and returns the messages they complete. */
  List<Message> feed(CharSequence text) {
    List<Message> out = new ArrayList<>();
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      boolean byteOrderMark = atStreamStart && c == '\uFEFF';
      boolean secondHalfOfCrLf = afterCr && c == '\n';
      atStreamStart = false;
      afterCr = c == '\r';
      if (byteOrderMark || secondHalfOfCrLf) {
        continue;
      }
      if (c == '\r' || c == '\n') {
        endLine(out);
      } else {
        line.append(c);
      }
    }
    return out;
  }

  private void endLine(List<Message> out) {
    if (line.isEmpty()) {
      if (data != null) {
        out.add(new Message(event == null ? "message" : event, lastId, data.toString()));
      }
      data = null;
      event = null;
      return;
    }
    String text = line.toString();
    line.setLength(0);
    if (text.startsWith(":")) {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      case "event" -> event = value.isEmpty() ? null : value;
      case "id" -> {
        if (!value.contains("\0")) {
          lastId = value.isEmpty() ? null : value;
        }
      }
      default -> { } // retry and unknown fields carry no message content
    }
  }
}
