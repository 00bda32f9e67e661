package io.datasipper.store;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsFrameEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A browsing session's mix of events: HTTP exchanges of several methods and statuses on a few
 * hosts, WebSocket frames, server-sent events and an occasional capture error, over two tabs.
 */
final class Traffic {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final String[] HOSTS = {"api.shop.test", "cdn.shop.test", "[::1]"};
  static final String[] METHODS = {"GET", "GET", "POST", "GET", "DELETE"};
  static final int[] STATUSES = {200, 200, 201, 304, 404, 500, 200};

  private Traffic() {}

  /** Events with seq 1 to {@code n}, one millisecond apart. */
  static List<CaptureEvent> events(int n) {
    List<CaptureEvent> events = new ArrayList<>(n);
    for (int seq = 1; seq <= n; seq++) {
      events.add(event(seq));
    }
    return events;
  }

  static CaptureEvent event(long seq) {
    Instant t = T0.plusMillis(seq);
    Source tab = new Source(seq % 3 == 0 ? "TAB-B" : "TAB-A", "frame", "page", "https://shop.test/");
    String host = HOSTS[(int) (seq % HOSTS.length)];
    int kind = (int) (seq % 10);
    if (kind < 5) {
      String url = "https://" + host + ":8443/Items/" + seq + "?q=[x]" + (seq % 7 == 0 ? "&Special=Yes" : "");
      int status = STATUSES[(int) (seq % STATUSES.length)];
      HttpEvent.HttpResponse response = seq % 11 == 0 ? null
          : new HttpEvent.HttpResponse(status, "", List.of(new EventHeader("content-type", "application/json")),
              "application/json", Body.text("{\"item\":" + seq + "}", 12, false), "h2", "127.0.0.1", 8443, false);
      HttpEvent.HttpError error = response == null ? new HttpEvent.HttpError("net_error", "net::ERR_FAILED", null) : null;
      return new HttpEvent("http-" + seq, seq, t.minusMillis(3), t, null, url, METHODS[(int) (seq % METHODS.length)],
          new HttpEvent.HttpRequest(List.of(new EventHeader("accept", "*/*")), null), response, null, List.of(),
          error, "fetch", new HttpEvent.Initiator("script", null), tab);
    }
    if (kind < 8) {
      return new WsFrameEvent("frame-" + seq, seq, t, "conn-1", "wss://" + host + "/live", WsFrameEvent.Direction.RECEIVED,
          WsFrameEvent.Opcode.TEXT, Body.text("{\"tick\":" + seq + "}", 12, false), 12, tab);
    }
    if (kind < 9) {
      return new SseEvent("sse-" + seq, seq, t, "req-1", "https://" + host + "/news", "message", null, "n" + seq,
          SseEvent.Via.EVENT_SOURCE, tab);
    }
    return new CaptureErrorEvent("error-" + seq, seq, t, "target_crashed", "tab crashed");
  }
}
