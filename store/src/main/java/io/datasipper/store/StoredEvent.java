package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import java.util.function.BiFunction;

/**
 * An event as read from the store: its columns and the JSON text it is stored as (its documented
 * form, which a reader that ships events unchanged can pass on as is). The typed event is read
 * from the text only when asked for, so a reader that needs no more than the columns never pays
 * for it. For one thread.
 */
public final class StoredEvent {
  private final long seq;
  private final String id;
  private final String type;
  private final String json;
  private final BiFunction<Long, String, CaptureEvent> reader;
  private CaptureEvent event;

  StoredEvent(long seq, String id, String type, String json, BiFunction<Long, String, CaptureEvent> reader) {
    this.seq = seq;
    this.id = id;
    this.type = type;
    this.json = json;
    this.reader = reader;
  }

  public long seq() {
    return seq;
  }

  public String id() {
    return id;
  }

  /** The event's type name, as {@link CaptureEvent#type()}. */
  public String type() {
    return type;
  }

  public String json() {
    return json;
  }

  /**
   * The typed event, read from the text on first use.
   *
   * @throws UncheckedStoreException naming the event and the store if the text is not an event
   */
  public CaptureEvent event() {
    if (event == null) {
      event = reader.apply(seq, json);
    }
    return event;
  }

  /** True once {@link #event} has been read. */
  public boolean isRead() {
    return event != null;
  }
}
