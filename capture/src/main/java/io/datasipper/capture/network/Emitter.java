package io.datasipper.capture.network;

import io.datasipper.api.event.EventSink;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.Sources;
import io.datasipper.capture.redact.Redactor;

/**
 * Stamps new events with their id, sequence number and node, redacts them and hands them to the sink:
 * every event of a capture passes here, so nothing reaches the store before it is redacted.
 */
public final class Emitter {
  private final EventStamps stamps;
  private final EventSink sink;
  private final Redactor redactor;

  public Emitter(EventStamps stamps, EventSink sink, Redactor redactor) {
    this.stamps = stamps;
    this.sink = sink;
    this.redactor = redactor;
  }

  /** Builds an event from a fresh id and sequence number, places it on the capture's node and emits it. */
  public void emit(Stamped factory) {
    CaptureEvent event = factory.create(EventStamps.newId(), stamps.nextSeq());
    sink.accept(redactor.event(Sources.onNode(event, stamps.node())));
  }

  /** What this capture redacts, for the URLs it logs. */
  public Redactor redactor() {
    return redactor;
  }

  /** Makes an event from the id and sequence number it is to carry. */
  @FunctionalInterface
  public interface Stamped {
    CaptureEvent create(String id, long seq);
  }
}
