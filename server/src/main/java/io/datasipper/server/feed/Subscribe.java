package io.datasipper.server.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datasipper.route.RuleException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A client's subscribe message: {@code {"filter": <condition or list of conditions>, "since":
 * <seq>, "streams": true, "summary": true, "batch_ms": 50, "compact": true}}, all optional. Without
 * {@code since} the client gets the events captured from now on; with it, first every stored event
 * above that seq.
 *
 * @param since the seq to catch up from (exclusive); null to start live
 * @param streams whether each event comes with the configured streams that take it: routing every
 *     event costs, so only the clients that show it ask
 * @param batchMillis how long the feed gathers events before it sends them together in one
 *     {@code {"events": [...]}} message; null to send each event as a message of its own
 * @param compact whether a batch of summaries is sent as {@code {"compact": [...]}}, each event with
 *     only the fields that differ from the one before it: a feed's summaries differ mostly in seq,
 *     time and size, and a browser's page reads a WebSocket's bytes at a cost of their own
 */
record Subscribe(FeedFilter filter, Long since, boolean streams, boolean summary, Integer batchMillis,
    boolean compact) {
  /** The longest a client may have its events held back to gather them. */
  static final int MAX_BATCH_MILLIS = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> KEYS = List.of("filter", "since", "streams", "summary", "batch_ms", "compact");
  static final String EXAMPLE =
      "{\"filter\": {\"field\": \"host\", \"operator\": \"equals\", \"value\": \"api.example.com\"}, \"since\": 0}";

  /** A subscribe message that cannot be used; the message names the bad key and what is wrong. */
  static final class BadSubscribe extends Exception {
    BadSubscribe(String message) {
      super(message);
    }
  }

  static Subscribe parse(String text) throws BadSubscribe {
    Object message;
    try {
      message = JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new BadSubscribe("subscribe: not JSON (" + e.getOriginalMessage() + "); send an object such as " + EXAMPLE);
    }
    if (!(message instanceof Map<?, ?> keys)) {
      throw new BadSubscribe("subscribe: expected an object such as " + EXAMPLE + ", got " + kind(message));
    }
    for (Object key : keys.keySet()) {
      if (!KEYS.contains(key)) {
        throw new BadSubscribe("subscribe: unknown key \"" + key + "\"; expected " + String.join(", ", KEYS));
      }
    }
    FeedFilter filter;
    try {
      filter = FeedFilter.parse(keys.get("filter"));
    } catch (RuleException e) {
      throw new BadSubscribe(e.getMessage());
    }
    boolean summary = flag("summary", keys.get("summary"));
    Integer batchMillis = batchMillis(keys.get("batch_ms"));
    boolean compact = flag("compact", keys.get("compact"));
    if (compact && (!summary || batchMillis == null)) {
      throw new BadSubscribe("compact: needs \"summary\": true and \"batch_ms\" too; it sends a batch's summaries"
          + " each with only the fields that differ from the one before it");
    }
    return new Subscribe(filter, since(keys.get("since")), flag("streams", keys.get("streams")), summary, batchMillis,
        compact);
  }

  private static boolean flag(String key, Object value) throws BadSubscribe {
    if (value != null && !(value instanceof Boolean)) {
      throw new BadSubscribe(key + ": expected true or false, got " + kind(value));
    }
    return Boolean.TRUE.equals(value);
  }

  private static Integer batchMillis(Object millis) throws BadSubscribe {
    if (millis == null) {
      return null;
    }
    if (millis instanceof Integer ms && ms >= 1 && ms <= MAX_BATCH_MILLIS) {
      return ms;
    }
    String shown = millis instanceof String s ? "\"" + s + "\"" : String.valueOf(millis);
    throw new BadSubscribe("batch_ms: expected milliseconds, an integer from 1 to " + MAX_BATCH_MILLIS + ", got "
        + (millis instanceof Number ? shown : kind(millis) + " " + shown));
  }

  private static Long since(Object since) throws BadSubscribe {
    if (since == null) {
      return null;
    }
    if ((since instanceof Integer || since instanceof Long) && ((Number) since).longValue() >= 0) {
      return ((Number) since).longValue();
    }
    String shown = since instanceof String s ? "\"" + s + "\"" : String.valueOf(since);
    throw new BadSubscribe("since: expected a seq, an integer of 0 or more (0 for every stored event), got "
        + (since instanceof BigInteger ? "a number too large" : shown));
  }

  private static String kind(Object value) {
    return switch (value) {
      case null -> "null";
      case List<?> l -> "a list";
      case String s -> "a string";
      case Number n -> "a number";
      case Boolean b -> "a boolean";
      default -> value.getClass().getSimpleName();
    };
  }
}
