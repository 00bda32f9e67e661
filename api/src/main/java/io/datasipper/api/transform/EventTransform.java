package io.datasipper.api.transform;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.json.EventJson;
import java.util.List;

/**
 * A stream's transform: turns one event into the records the stream ships (JSON objects; a script
 * sees the event in its documented JSON form). Lifecycle: made once per stream, {@link #apply} called from
 * one thread at a time, {@link #close} once.
 */
public interface EventTransform extends AutoCloseable {

  Outcome apply(CaptureEvent event);

  @Override
  void close();

  /** What a transform made of an event. */
  sealed interface Outcome {
    /**
     * The records to ship, each as its JSON text (an object): one for a replaced event, several for
     * an array, in order. Text, because that is what most outputs write: a transform that made text
     * need not build a tree only for the output to write it out again.
     */
    record Records(List<String> json) implements Outcome {
      public Records {
        json = List.copyOf(json);
      }
    }

    /** The transform returned null: the event is left out of the stream. */
    record Dropped() implements Outcome {}

    /** The transform threw, timed out or returned something unusable; the event is dead-lettered. */
    record Failed(String error) implements Outcome {}
  }

  /** Passes the event on unchanged, in its documented JSON form. */
  EventTransform IDENTITY = new EventTransform() {
    @Override
    public Outcome apply(CaptureEvent event) {
      return new Outcome.Records(List.of(EventJson.write(event)));
    }

    @Override
    public void close() {}
  };
}
