package io.datasipper.server.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The feed's messages that are not events. Events are sent as their stored JSON, which always has a
 * {@code type}; these never have one, so a client tells them apart by that key.
 */
final class FeedMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FeedMessages() {}

  /** Events dropped for a client that did not keep up, in a row, in place of them. */
  static String missed(MissedRange run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("missed", run.count());
    m.put("from_seq", run.fromSeq());
    m.put("to_seq", run.toSeq());
    return write(m);
  }

  /**
   * The subscription is live: every event captured from now on follows, and (with {@code since})
   * every stored one above it was sent before this message.
   *
   * @param caughtUp events sent from the store and the ring before going live; null without {@code since}
   */
  static String live(Long since, Long caughtUp) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("live", true);
    if (since != null) {
      m.put("since", since);
      m.put("caught_up", caughtUp);
    }
    return write(m);
  }

  static String error(String message) {
    return write(Map.of("error", message));
  }

  private static String write(Map<String, Object> message) {
    try {
      return JSON.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a feed message", e); // maps of strings and numbers always write
    }
  }
}
