package io.datasipper.capture.network;

import io.datasipper.api.event.EventSink;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.CaptureEvent;

/** Stamps new events with their id and sequence number and hands them to the sink. */
public final class Emitter {
  private final EventStamps stamps;
  private final EventSink sink;

  public Emitter(EventStamps stamps, EventSink sink) {
    this.stamps = stamps;
    this.sink = sink;
  }

  /** Builds an event from a fresh id and sequence number and emits it. */
  public void emit(Stamped factory) {
    sink.accept(factory.create(EventStamps.newId(), stamps.nextSeq()));
  }

  /** Makes an event from the id and sequence number it is to carry. */
  @FunctionalInterface
  public interface Stamped {
    CaptureEvent create(String id, long seq);
  }
}
