package io.datasipper.output.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.pipeline.StreamSpec;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.util.List;

/**
 * The events the output tests store: {@link SampleEvents} whose frames come on two connections
 * with the payload {@code {"n":<seq>,"pad":"<padding x>"}}; the record values the pipeline makes of
 * them; streams of one event type.
 */
public final class OutputEvents {

  private OutputEvents() {}

  /** Event {@code seq}; a frame's payload has {@code padding} extra characters. */
  public static CaptureEvent event(long seq, int padding) {
    return SampleEvents.event(seq, 2, "{\"n\":" + seq + ",\"pad\":\"" + "x".repeat(padding) + "\"}");
  }

  public static CaptureEvent event(long seq) {
    return event(seq, 0);
  }

  /** Stores the events {@code from} to {@code to}, both included. */
  public static void fill(EventStore store, long from, long to, int padding) {
    SampleEvents.fill(store, from, to, seq -> event(seq, padding));
  }

  /**
   * The record value the pipeline makes of an event without a transform, as read back from JSON
   * text (so numbers compare by value, not by the Java type that held them).
   */
  public static JsonNode value(long seq) {
    try {
      return EventJson.mapper().readTree(EventJson.write(event(seq)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The record value exactly as the pipeline makes it, for writing to an output directly. */
  public static JsonNode recordValue(long seq) {
    return EventJson.mapper().valueToTree(event(seq));
  }

  /** The stream {@code name}, without a transform, of the events of one type ({@code ws_frame}, {@code http}). */
  public static StreamSpec stream(String name, String type, String... outputs) {
    return new StreamSpec(SampleEvents.typeRule(name, type), null, List.of(outputs));
  }
}
