package io.datasipper.api.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import java.util.List;

/**
 * A stream's transform: turns one event into the records the stream ships (JSON values; a script
 * sees the event in its documented JSON form). Lifecycle: made once per stream, {@link #apply} called from
 * one thread at a time, {@link #close} once.
 */
public interface EventTransform extends AutoCloseable {

  Outcome apply(CaptureEvent event);

  @Override
  void close();

  /** What a transform made of an event. */
  sealed interface Outcome {
    /** The records to ship: one for a replaced event, several for an array, in order. */
    record Records(List<JsonNode> values) implements Outcome {}

    /** The transform returned null: the event is left out of the stream. */
    record Dropped() implements Outcome {}

    /** The transform threw, timed out or returned something unusable; the event is dead-lettered. */
    record Failed(String error) implements Outcome {}
  }

  /** Passes the event on unchanged, in its documented JSON form. */
  EventTransform IDENTITY = new EventTransform() {
    @Override
    public Outcome apply(CaptureEvent event) {
      return new Outcome.Records(List.of(EventJson.mapper().valueToTree(event)));
    }

    @Override
    public void close() {}
  };
}
