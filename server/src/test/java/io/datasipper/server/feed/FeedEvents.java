package io.datasipper.server.feed;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import java.time.Instant;
import java.util.List;

/** Events as the capture makes them, for the feed's tests. */
final class FeedEvents {
  private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
  private static final Source TAB = new Source("tab-1", "frame-1", "page", "https://shop.example.com/");

  private FeedEvents() {}

  static HttpEvent http(String id, long seq, String url) {
    return new HttpEvent(id, seq, T0.plusMillis(seq), T0.plusMillis(seq + 3), null, url, "GET",
        new HttpEvent.HttpRequest(List.of(new EventHeader("Accept", "application/json")), null),
        new HttpEvent.HttpResponse(200, "OK", List.of(new EventHeader("Content-Type", "application/json")),
            "application/json", Body.text("{\"ok\":true}", 11, false), "h2", "127.0.0.1", 443, false),
        new HttpEvent.Timing(0, -1, -1, -1, 0.1, 2, 0.3, 2.4), List.of(), null, "fetch",
        new HttpEvent.Initiator("script", "https://shop.example.com/app.js"), TAB);
  }

  static WsFrameEvent frame(String id, long seq, String url, String text) {
    return new WsFrameEvent(id, seq, T0.plusMillis(seq), "conn-1", url, WsFrameEvent.Direction.RECEIVED,
        WsFrameEvent.Opcode.TEXT, Body.text(text, text.length(), false), text.length(), TAB);
  }
}
