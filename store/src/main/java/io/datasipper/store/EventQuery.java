package io.datasipper.store;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.datasipper.api.event.CaptureEvent;
import java.util.Arrays;
import java.util.List;

/**
 * Which stored events to read in one statement: all of them, or one type, after a seq. Results
 * always come in {@code seq} order, so reading on is {@code q.withAfterSeq(lastSeenSeq)}. Filtering on
 * URLs, words, hosts or time is {@link EventFilter}'s work, read a page at a time
 * ({@link EventStore#page(PageQuery)}, {@link EventStore#walk}).
 *
 * @param type only events of this type ({@code http}, {@code ws_frame}, ...); null for all
 * @param afterSeq only events with a greater {@code seq}; 0 for all
 * @param limit at most this many events; 0 for no limit
 */
public record EventQuery(String type, long afterSeq, int limit) {

  /** The JSON type names of all events, in the order the event model declares them. */
  public static final List<String> KNOWN_TYPES =
      Arrays.stream(CaptureEvent.class.getAnnotation(JsonSubTypes.class).value())
          .map(JsonSubTypes.Type::name)
          .toList();

  /**
   * @throws IllegalArgumentException for an unknown type, or a negative afterSeq or limit
   */
  public EventQuery {
    if (type != null && !KNOWN_TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "unknown event type '" + type + "': use one of " + String.join(", ", KNOWN_TYPES));
    }
    if (afterSeq < 0) {
      throw new IllegalArgumentException("afterSeq must not be negative: " + afterSeq);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
  }

  public static EventQuery all() {
    return new EventQuery(null, 0, 0);
  }

  public EventQuery withType(String newType) {
    return new EventQuery(newType, afterSeq, limit);
  }

  public EventQuery withAfterSeq(long seq) {
    return new EventQuery(type, seq, limit);
  }

  public EventQuery withLimit(int max) {
    return new EventQuery(type, afterSeq, max);
  }
}
