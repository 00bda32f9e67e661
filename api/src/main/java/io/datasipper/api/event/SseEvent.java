package io.datasipper.api.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One server-sent event message.
 *
 * @param event the event name ({@code message} when the server named none)
 * @param lastEventId the SSE {@code id} field in effect for this message, or null
 * @param via {@code event_source} when the page used {@code EventSource}; {@code fetch} when
 *     DataSipper parsed it from a {@code text/event-stream} body read another way
 */
public record SseEvent(
    String id,
    long seq,
    Instant timestamp,
    String requestId,
    String url,
    String event,
    String lastEventId,
    String data,
    Via via,
    Source source)
    implements CaptureEvent {

  public static final String TYPE = "sse";

  public enum Via {
    @JsonProperty("event_source") EVENT_SOURCE,
    @JsonProperty("fetch") FETCH
  }

  /** Its stream's request id: every message of one event stream keeps its order. */
  @Override
  public String deliveryKey() {
    return requestId;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public long approximateBytes() {
    return 192 + url.length() + (data == null ? 0 : data.length());
  }
}
