package io.datasipper.capture.network;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a {@code text/event-stream} body into messages, following the HTML specification's
 * event-stream interpretation: {@code data} lines joined by newlines, {@code event} names the
 * message, {@code id} persists to later messages, comments and unknown fields are ignored, and a
 * block without data dispatches nothing.
 */
final class SseParser {
  record Message(String event, String lastEventId, String data) {}

  private SseParser() {}

  static List<Message> parse(String body) {
    List<Message> out = new ArrayList<>();
    StringBuilder data = null;
    String event = null;
    String lastId = null;
    String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
    String[] lines = text.split("\r\n|\r|\n", -1);
    // The last element is what follows the final line break: an unterminated line is not dispatched.
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        if (data != null) {
          out.add(new Message(event == null ? "message" : event, lastId, data.toString()));
        }
        data = null;
        event = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        case "event" -> event = value;
        case "id" -> {
          if (!value.contains("\0")) {
            lastId = value;
          }
        }
        default -> { } // retry and unknown fields carry no message content
      }
    }
    return out;
  }
}
