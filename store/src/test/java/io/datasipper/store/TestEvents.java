package io.datasipper.store;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import java.time.Instant;
import java.util.List;

/** Realistic events of every type, for tests. */
final class TestEvents {
  static final Instant T0 = Instant.parse("2026-03-04T05:06:07.123456Z");
  private static final Source TAB = new Source("tab-1", "frame-1", "page", "http://127.0.0.1:8080/");

  private TestEvents() {}

  static HttpEvent http(long seq, String url) {
    return new HttpEvent("http-" + seq, seq, T0, T0.plusMillis(seq), null, url, "GET",
        new HttpEvent.HttpRequest(List.of(new EventHeader("Accept", "*/*")), null),
        new HttpEvent.HttpResponse(200, "OK", List.of(new EventHeader("Content-Type", "text/plain")),
            "text/plain", Body.text("hello", 5, false), "http/1.1", "127.0.0.1", 8080, false),
        new HttpEvent.Timing(0, -1, -1, -1, 0.1, 2, 0.3, 2.4), List.of(), null, "fetch",
        new HttpEvent.Initiator("script", "http://127.0.0.1:8080/app.js"), TAB);
  }

  static WsFrameEvent frame(long seq, String url, int payloadChars) {
    String text = "x".repeat(payloadChars);
    return new WsFrameEvent("frame-" + seq, seq, T0.plusMillis(seq), "conn-1", url,
        WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT,
        Body.text(text, payloadChars, false), payloadChars, TAB);
  }

  /** One event of each type, seq 1 to 8, with URLs where the type has one. */
  static List<CaptureEvent> oneOfEach() {
    return List.of(
        http(1, "http://127.0.0.1:8080/api/items?page=1"),
        new WsOpenEvent("open-2", 2, T0.plusMillis(2), "conn-1", "ws://127.0.0.1:8080/live",
            List.of(new EventHeader("Upgrade", "websocket")), 101, List.of(), TAB),
        frame(3, "ws://127.0.0.1:8080/live", 10),
        new WsCloseEvent("close-4", 4, T0.plusMillis(4), "conn-1", "ws://127.0.0.1:8080/live", TAB),
        new WsErrorEvent("error-5", 5, T0.plusMillis(5), "conn-2", "ws://127.0.0.1:8080/bad",
            "Invalid frame header", TAB),
        new SseEvent("sse-6", 6, T0.plusMillis(6), "req-9", "http://127.0.0.1:8080/events",
            "tick", "42", "{\"n\":1}", SseEvent.Via.EVENT_SOURCE, TAB),
        new CaptureGapEvent("gap-7", 7, T0.plusMillis(7), 3, 768, T0, T0.plusMillis(1),
            "store fell behind: in-memory queue reached 1024 bytes"),
        new CaptureErrorEvent("crash-8", 8, T0.plusMillis(8), "target_crashed", "tab crashed"));
  }
}
