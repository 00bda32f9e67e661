package io.datasipper.store;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.datasipper.api.event.CaptureEvent;
import java.util.Arrays;
import java.util.List;

/**
 * Which stored events to read. Results always come in {@code seq} order, so paging forward is
 * {@code q.withAfterSeq(lastSeenSeq)}.
 *
 * @param type only events of this type ({@code http}, {@code ws_frame}, ...); null for all
 * @param urlContains only events whose URL contains this text, case-sensitively; null for all.
 *     Events without a URL (gaps, capture errors) never match.
 * @param search only events whose URL or text bodies hold every word of this text ({@link SearchText}); null for all
 * @param afterSeq only events with a greater {@code seq}; 0 for all
 * @param limit at most this many events; 0 for no limit
 */
public record EventQuery(String type, String urlContains, String search, long afterSeq, int limit) {

  /** The JSON type names of all events, in the order the event model declares them. */
  public static final List<String> KNOWN_TYPES =
      Arrays.stream(CaptureEvent.class.getAnnotation(JsonSubTypes.class).value())
          .map(JsonSubTypes.Type::name)
          .toList();

  /**
   * @throws IllegalArgumentException for an unknown type, a search without a word, or a negative
   *     afterSeq or limit
   */
  public EventQuery {
    if (type != null && !KNOWN_TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "unknown event type '" + type + "': use one of " + String.join(", ", KNOWN_TYPES));
    }
    if (search != null) {
      SearchText.ftsQuery(search);
    }
    if (afterSeq < 0) {
      throw new IllegalArgumentException("afterSeq must not be negative: " + afterSeq);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
  }

  /** Without a search. */
  public EventQuery(String type, String urlContains, long afterSeq, int limit) {
    this(type, urlContains, null, afterSeq, limit);
  }

  public static EventQuery all() {
    return new EventQuery(null, null, null, 0, 0);
  }

  public EventQuery withType(String newType) {
    return new EventQuery(newType, urlContains, search, afterSeq, limit);
  }

  public EventQuery withUrlContains(String text) {
    return new EventQuery(type, text, search, afterSeq, limit);
  }

  public EventQuery withSearch(String text) {
    return new EventQuery(type, urlContains, text, afterSeq, limit);
  }

  public EventQuery withAfterSeq(long seq) {
    return new EventQuery(type, urlContains, search, seq, limit);
  }

  public EventQuery withLimit(int max) {
    return new EventQuery(type, urlContains, search, afterSeq, max);
  }
}
