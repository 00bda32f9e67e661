package io.datasipper.api.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.json.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One record for an output: an event of a stream, after the stream's transform.
 *
 * <p>The value is held as a JSON tree, as JSON text, as UTF-8 JSON, or several of these. A stream
 * without a transform ships the event exactly as it is stored, so its records start as the stored
 * UTF-8 bytes: an output that writes bytes ({@link #jsonUtf8()}) passes them on untouched, one that
 * writes text ({@link #json()}) decodes them once, and one that reads fields ({@link #value()})
 * parses them once. A transform's records start as the JSON text its script made. Each form is
 * computed at most once per record, whichever thread asks.
 */
public final class OutputRecord {

  private final String stream;
  private final long sourceSeq;
  private final String eventId;
  private final String key;
  private final String eventType;
  private volatile JsonNode value;
  private volatile String json;
  private volatile byte[] jsonUtf8;

  private OutputRecord(String stream, long sourceSeq, String eventId, String key, String eventType, JsonNode value,
      String json, byte[] jsonUtf8) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.sourceSeq = sourceSeq;
    this.eventId = Objects.requireNonNull(eventId, "eventId");
    this.key = key;
    this.eventType = eventType;
    this.value = value;
    this.json = json;
    this.jsonUtf8 = jsonUtf8;
  }

  /**
   * A record made of a JSON tree; its event type is the tree's {@code type} field, if it has one.
   *
   * @param stream the stream it was routed to
   * @param sourceSeq the sequence number of the captured event it came from
   * @param eventId a stable id: the event's id, suffixed {@code #n} for the n-th record a transform
   *     made of it, so a destination can ignore duplicates of at-least-once delivery
   * @param key the ordering key: the WebSocket connection or request id, so one connection's records
   *     stay together; may be null
   * @param value the record as JSON (the event's documented form, or what the transform returned)
   */
  public OutputRecord(String stream, long sourceSeq, String eventId, String key, JsonNode value) {
    this(stream, sourceSeq, eventId, key, typeField(value), Objects.requireNonNull(value, "value"), null, null);
  }

  /** What a transform made of a captured event of type {@code eventType}. */
  public static OutputRecord ofTree(String stream, long sourceSeq, String eventId, String key, String eventType,
      JsonNode value) {
    return new OutputRecord(stream, sourceSeq, eventId, key, eventType, Objects.requireNonNull(value, "value"), null,
        null);
  }

  /** A record whose value is this JSON text (a stored event shipped unchanged); parsed only if asked. */
  public static OutputRecord ofJson(String stream, long sourceSeq, String eventId, String key, String eventType,
      String json) {
    return new OutputRecord(stream, sourceSeq, eventId, key, eventType, null, Objects.requireNonNull(json, "json"),
        null);
  }

  /**
   * A record whose value is this UTF-8 JSON (a stored event shipped unchanged, as the store holds
   * it); decoded or parsed only if asked. The array is not copied: the caller must not modify it.
   */
  public static OutputRecord ofJsonUtf8(String stream, long sourceSeq, String eventId, String key, String eventType,
      byte[] json) {
    return new OutputRecord(stream, sourceSeq, eventId, key, eventType, null, null,
        Objects.requireNonNull(json, "json"));
  }

  public String stream() {
    return stream;
  }

  public long sourceSeq() {
    return sourceSeq;
  }

  public String eventId() {
    return eventId;
  }

  /** The ordering key, or null. */
  public String key() {
    return key;
  }

  /** The type of the captured event the record came from ({@code http}, {@code ws_frame}, ...), or null. */
  public String eventType() {
    return eventType;
  }

  /** The value as a JSON tree. Callers must not modify it: other outputs may share the record. */
  public JsonNode value() {
    JsonNode v = value;
    if (v == null) {
      try {
        String text = json;
        // The events' reader, whose limits take any text the store took.
        v = text != null ? EventJson.mapper().readTree(text) : EventJson.mapper().readTree(jsonUtf8);
      } catch (IOException e) {
        throw new IllegalStateException("record " + eventId + " holds JSON that cannot be read: "
            + e.getMessage(), e);
      }
      value = v;
    }
    return v;
  }

  /** The value as compact JSON text. */
  public String json() {
    String j = json;
    if (j == null) {
      byte[] utf8 = jsonUtf8;
      j = utf8 != null ? new String(utf8, StandardCharsets.UTF_8) : value.toString();
      json = j;
    }
    return j;
  }

  /** The value as compact JSON in UTF-8. Callers must not modify the array: other outputs may share it. */
  public byte[] jsonUtf8() {
    byte[] b = jsonUtf8;
    if (b == null) {
      b = json().getBytes(StandardCharsets.UTF_8);
      jsonUtf8 = b;
    }
    return b;
  }

  /**
   * The node named in the value's {@code source.node}: the capture machine the event came from.
   * Null when the value has none (an event placed on no node, or a transform's record without it).
   * Read from the value in the form it already has, skipping what comes before.
   */
  public String sourceNode() {
    JsonNode v = value;
    if (v != null) {
      JsonNode node = v.path("source").path("node");
      return node.isTextual() ? node.asText() : null;
    }
    return EventJson.nestedText(jsonUtf8(), "source", "node");
  }

  private static String typeField(JsonNode value) {
    JsonNode type = value == null ? null : value.get("type");
    return type != null && type.isTextual() ? type.asText() : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputRecord r && sourceSeq == r.sourceSeq && stream.equals(r.stream)
        && eventId.equals(r.eventId) && Objects.equals(key, r.key) && Objects.equals(eventType, r.eventType)
        && value().equals(r.value());
  }

  @Override
  public int hashCode() {
    return Objects.hash(stream, sourceSeq, eventId, key);
  }

  @Override
  public String toString() {
    return "OutputRecord[stream=" + stream + ", sourceSeq=" + sourceSeq + ", eventId=" + eventId + ", key=" + key
        + ", eventType=" + eventType + ", value=" + json() + "]";
  }
}
