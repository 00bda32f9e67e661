package io.datasipper.transform;

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

/** Realistic events of every type, for tests and the benchmark. */
final class TestEvents {
  static final Instant T0 = Instant.parse("2026-03-01T10:15:02.125300Z");
  static final Source TAB = new Source("tab-1", "frame-1", "page", "https://shop.example.com/");
  private static final String[] PATHS = {
    "/api/prices?symbols=ABC,XYZ", "/api/orders/%d", "/static/app.%d.js", "/api/news?page=%d", "/img/logo.png",
    "/api/cart", "/styles/main.css", "/api/user/profile", "/favicon.ico", "/api/recommendations?item=%d",
  };
  private static final List<EventHeader> REQUEST_HEADERS = List.of(
      new EventHeader("Accept", "application/json, text/plain, */*"),
      new EventHeader("Accept-Encoding", "gzip, deflate, br"),
      new EventHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36"),
      new EventHeader("Cookie", "[redacted]"),
      new EventHeader("Referer", "https://shop.example.com/"));

  private TestEvents() {}

  /** The {@code i}-th of a varied stream of HTTP exchanges: API calls, assets, errors, redirects. */
  static HttpEvent http(long i) {
    Instant start = T0.plusMillis(i * 7);
    String url = "https://shop.example.com" + PATHS[(int) (i % PATHS.length)].replace("%d", Long.toString(i % 997));
    int status = i % 23 == 0 ? 404 : i % 31 == 0 ? 500 : 200;
    String mime = url.endsWith(".js") ? "text/javascript" : url.endsWith(".png") ? "image/png" : "application/json";
    Body body = mime.equals("image/png")
        ? Body.omitted(5120, "body not kept for mime type image/png")
        : Body.text("{\"items\":[{\"id\":" + i + ",\"price\":12.5}],\"total\":1}", 44, false);
    List<EventHeader> responseHeaders = List.of(
        new EventHeader("Content-Type", mime + "; charset=utf-8"),
        new EventHeader("Content-Length", Long.toString(body.size())),
        new EventHeader("Cache-Control", "no-store"),
        new EventHeader("Date", "Sun, 01 Mar 2026 10:15:02 GMT"),
        new EventHeader("Server", "nginx/1.27"));
    boolean post = i % 11 == 0;
    return new HttpEvent(
        "0195f3a2-7c1e-7000-8000-" + String.format("%012d", i), i + 1, start, start.plusMillis(20 + i % 50), null,
        url, post ? "POST" : "GET",
        new HttpEvent.HttpRequest(REQUEST_HEADERS, post ? Body.text("{\"qty\":1}", 9, false) : null),
        new HttpEvent.HttpResponse(status, status == 200 ? "OK" : "Error", responseHeaders, mime, body, "h2",
            "93.184.216.34", 443, i % 13 == 0),
        new HttpEvent.Timing(0.4, -1, -1, -1, 0.1, 18.2, 1.3, 20.0),
        i % 17 == 0 ? List.of(new HttpEvent.Redirect("http://shop.example.com/api/cart", "GET", 301,
            "Moved Permanently", "https://shop.example.com/api/cart")) : List.of(),
        null, url.contains("/api/") ? "fetch" : "script",
        new HttpEvent.Initiator("script", "https://shop.example.com/static/app.js"), TAB);
  }

  static HttpEvent failedHttp() {
    return new HttpEvent("http-failed", 99, T0, T0.plusMillis(3), null, "https://down.example.com/api/x", "GET",
        new HttpEvent.HttpRequest(List.of(), null), null, null, List.of(),
        new HttpEvent.HttpError("net_error", "net::ERR_CONNECTION_REFUSED", null), "fetch", null, TAB);
  }

  /** One event of each type. */
  static List<CaptureEvent> oneOfEach() {
    return List.of(
        http(1),
        failedHttp(),
        new WsOpenEvent("open-2", 2, T0.plusMillis(2), "conn-1", "wss://shop.example.com/live",
            List.of(new EventHeader("Upgrade", "websocket")), 101, List.of(), TAB),
        new WsFrameEvent("frame-3", 3, T0.plusMillis(3), "conn-1", "wss://shop.example.com/live",
            WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text("{\"p\":1}", 7, false), 7, TAB),
        new WsCloseEvent("close-4", 4, T0.plusMillis(4), "conn-1", "wss://shop.example.com/live", TAB),
        new WsErrorEvent("error-5", 5, T0.plusMillis(5), "conn-2", "wss://shop.example.com/bad",
            "Invalid frame header", TAB),
        new SseEvent("sse-6", 6, T0.plusMillis(6), "req-9", "https://shop.example.com/events",
            "tick", "42", "{\"n\":1}", SseEvent.Via.EVENT_SOURCE, TAB),
        new CaptureGapEvent("gap-7", 7, T0.plusMillis(7), 3, 768, T0, T0.plusMillis(1),
            "store fell behind: in-memory queue reached 1024 bytes"),
        new CaptureErrorEvent("crash-8", 8, T0.plusMillis(8), "target_crashed", "tab crashed"));
  }
}
