package io.datasipper.store;

import io.datasipper.api.event.CaptureEvent;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * An event as read from the store: its columns and the JSON it is stored as (its documented form,
 * which a reader that ships events unchanged can pass on as is), held as the stored UTF-8 bytes.
 * The text and the typed event are made from the bytes only when asked for, so a reader that needs
 * no more than the columns and the bytes never pays for them. For one thread.
 */
public final class StoredEvent {
  private final long seq;
  private final String id;
  private final String type;
  private final byte[] jsonUtf8;
  private final BiFunction<Long, byte[], CaptureEvent> reader;
  private final String unreadable;
  private String json;
  private CaptureEvent event;

  StoredEvent(long seq, String id, String type, byte[] jsonUtf8, BiFunction<Long, byte[], CaptureEvent> reader) {
    this(seq, id, type, jsonUtf8, reader, null);
  }

  private StoredEvent(long seq, String id, String type, byte[] jsonUtf8, BiFunction<Long, byte[], CaptureEvent> reader,
      String unreadable) {
    this.seq = seq;
    this.id = id;
    this.type = type;
    this.jsonUtf8 = jsonUtf8;
    this.reader = reader;
    this.unreadable = unreadable;
  }

  /** A stored event whose text cannot be read back, with the reason, which names the event and the store. */
  static StoredEvent unreadable(long seq, String id, String type, byte[] jsonUtf8, String reason) {
    return new StoredEvent(seq, id, type, jsonUtf8, null, reason);
  }

  /**
   * Why the stored text cannot be read back as an event (it no longer parses), naming the event and
   * the store; null when the reader found nothing wrong with it.
   */
  public String unreadable() {
    return unreadable;
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

  /** The stored JSON text. */
  public String json() {
    if (json == null) {
      json = new String(jsonUtf8, StandardCharsets.UTF_8);
    }
    return json;
  }

  /** The stored JSON as UTF-8, not copied: callers must not modify it. */
  public byte[] jsonUtf8() {
    return jsonUtf8;
  }

  /**
   * The typed event, read from the stored JSON on first use.
   *
   * @throws UncheckedStoreException naming the event and the store if the text is not an event
   */
  public CaptureEvent event() {
    if (unreadable != null) {
      throw new UncheckedStoreException(new StoreException(unreadable));
    }
    if (event == null) {
      event = reader.apply(seq, jsonUtf8);
    }
    return event;
  }

  /** True once {@link #event} has been read. */
  public boolean isRead() {
    return event != null;
  }
}
