package io.datasipper.server.metrics;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventSink;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import java.time.Instant;
import java.util.List;

/**
 * Events stamped as the capture stamps them (a fresh id and the next seq, made now), handed to a
 * sink as the capture hands them: every third an HTTP call, the others received WebSocket frames.
 */
final class Traffic {
  static final Source TAB = new Source("tab-1", "frame-1", "page", "http://127.0.0.1/app");

  private Traffic() {}

  /** Emits {@code n} events into {@code sink}; returns how many were HTTP calls. */
  static int emit(EventStamps stamps, EventSink sink, int n) {
    int calls = 0;
    for (int i = 1; i <= n; i++) {
      long seq = stamps.nextSeq();
      if (i % 3 == 0) {
        sink.accept(call(EventStamps.newId(), seq));
        calls++;
      } else {
        sink.accept(frame(EventStamps.newId(), seq));
      }
    }
    return calls;
  }

  private static CaptureEvent call(String id, long seq) {
    Instant now = Instant.now();
    return new HttpEvent(id, seq, now, now, null, "http://127.0.0.1/api/orders/" + seq, "GET",
        new HttpEvent.HttpRequest(List.of(), null),
        new HttpEvent.HttpResponse(200, "OK", List.of(), "application/json",
            Body.text("{\"order\":" + seq + "}", 12, false), "http/1.1", null, null, false),
        null, List.of(), null, "fetch", null, TAB);
  }

  private static CaptureEvent frame(String id, long seq) {
    String payload = "{\"n\":" + seq + "}";
    return new WsFrameEvent(id, seq, Instant.now(), "conn-1", "ws://127.0.0.1/ws", WsFrameEvent.Direction.RECEIVED,
        WsFrameEvent.Opcode.TEXT, Body.text(payload, payload.length(), false), payload.length(), TAB);
  }
}
