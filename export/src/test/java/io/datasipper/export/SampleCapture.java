package io.datasipper.export;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureErrorEvent;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.CaptureGapEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.EventStamps;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.HttpEvent.HttpRequest;
import io.datasipper.api.event.HttpEvent.HttpResponse;
import io.datasipper.api.event.HttpEvent.Timing;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsErrorEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsFrameEvent.Direction;
import io.datasipper.api.event.WsFrameEvent.Opcode;
import io.datasipper.api.event.WsOpenEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A capture with every kind of event, in seq order as a store would hand them out: exchanges get
 * their seq when they end, so seq order is not start order (the image starts early, ends late).
 * Two tabs: a shop in TAB-A, a news page with SSE in TAB-B.
 */
public final class SampleCapture {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Source SHOP = new Source("TAB-A", "F-A", "page", "http://shop.test/");
  static final Source NEWS = new Source("TAB-B", "F-B", "page", "http://news.test/");
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
  static final String SEARCH_URL = "http://shop.test/search?q=red+shoes&size=42&tag=a%26b#results";

  private final List<CaptureEvent> events = new ArrayList<>();

  private SampleCapture() {}

  public static List<CaptureEvent> events() {
    return new SampleCapture().build();
  }

  private List<CaptureEvent> build() {
    http(0, 120, "GET", "http://shop.test/", request(List.of(), null),
        new HttpResponse(200, "", List.of(
            h("content-type", "text/html"),
            h("set-cookie", "session=abc123; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly; Secure"
                + "\ntheme=dark; Domain=shop.test; SameSite=Lax")),
            "text/html", Body.text("<html>shop</html>", 17, false), "h2", "2001:db8::1", 443, false),
        new Timing(1.5, 10, 20, 12, 0.2, 50.25, 3.1, 120), List.of(), null, "document",
        new HttpEvent.Initiator("other", null));
    http(200, 260, "GET", SEARCH_URL,
        request(List.of(h("Cookie", "session=abc123; theme=dark"), h("Accept", "application/json")), null),
        new HttpResponse(200, "OK", List.of(h("Content-Type", "application/json"), h("Content-Encoding", "gzip")),
            "application/json", Body.text("[{\"sku\":\"A1\"}]", 14, false), "http/1.1", "203.0.113.5", 80, false),
        new Timing(0.5, -1, -1, -1, 0.1, 40, 2, 60), List.of(), null, "fetch",
        new HttpEvent.Initiator("script", "http://shop.test/app.js"));
    http(300, 340, "POST", "http://shop.test/api/cart",
        request(List.of(h("Content-Type", "application/json")), Body.text("{\"sku\":\"A1\",\"qty\":2}", 20, false)),
        new HttpResponse(201, "Created", List.of(h("Content-Type", "application/json")),
            "application/json", Body.text("{\"items\":1}", 11, false), "http/1.1", "203.0.113.5", 80, false),
        new Timing(-1, -1, -1, -1, 0.3, 30, 1, 40), List.of(), null, "xhr", null);
    http(150, 400, "GET", "http://shop.test/img/logo.png", request(List.of(), null),
        new HttpResponse(200, "OK", List.of(h("Content-Type", "image/png")), "image/png",
            Body.base64(Base64.getEncoder().encodeToString(PNG), PNG.length, false), "http/1.1",
            "203.0.113.5", 80, false),
        new Timing(100, -1, -1, -1, 0.1, 140, 10, 250), List.of(), null, "image", null);
    http(500, 560, "GET", "http://shop.test/final", request(List.of(), null),
        new HttpResponse(200, "OK", List.of(h("Content-Type", "text/html")), "text/html",
            Body.omitted(2048, "body not kept for mime type text/html"), "http/1.1", "203.0.113.5", 80, false),
        new Timing(0, -1, -1, -1, 0.1, 20, 1, 60),
        List.of(new HttpEvent.Redirect("http://shop.test/old", "GET", 301, "Moved Permanently", "http://shop.test/new"),
            new HttpEvent.Redirect("http://shop.test/new", "GET", 302, "Found", "/final")),
        null, "document", null);
    http(600, 605, "GET", "http://down.test/api", request(List.of(), null), null, null, List.of(),
        new HttpEvent.HttpError("net_error", "net::ERR_CONNECTION_REFUSED", null), "fetch", null);

    String ws = "ws://shop.test/live?room=1";
    add((id, seq) -> new WsOpenEvent(id, seq, at(700), "ws-1", ws,
        List.of(h("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="), h("Cookie", "session=abc123")), 101,
        List.of(h("Upgrade", "websocket"), h("Connection", "Upgrade")), SHOP));
    frame("ws-1", ws, 710, Direction.SENT, Body.text("hello", 5, false), Opcode.TEXT, SHOP);
    frame("ws-2", "ws://news.test/ticker", 712, Direction.RECEIVED, Body.text("tick", 4, false), Opcode.TEXT, NEWS);
    frame("ws-1", ws, 720, Direction.RECEIVED, Body.text("{\"price\":10}", 12, false), Opcode.TEXT, SHOP);
    frame("ws-1", ws, 730, Direction.SENT, Body.base64("AAEC", 3, false), Opcode.BINARY, SHOP);
    frame("ws-1", ws, 740, Direction.RECEIVED, Body.base64("/wA=", 2, false), Opcode.BINARY, SHOP);
    frame("ws-1", ws, 745, Direction.RECEIVED, Body.base64("", 0, false), Opcode.CONTROL, SHOP);
    add((id, seq) -> new WsErrorEvent(id, seq, at(750), "ws-2", "ws://news.test/ticker",
        "Invalid frame header", NEWS));
    add((id, seq) -> new WsCloseEvent(id, seq, at(800), "ws-1", ws, SHOP));

    http(850, 900, "req-70", "GET", "http://news.test/", request(List.of(), null),
        new HttpResponse(200, "OK", List.of(), "text/html", Body.text("<html>news</html>", 17, false),
            "http/1.1", "198.51.100.7", 80, false),
        new Timing(0, -1, -1, -1, 0.1, 30, 2, 50), List.of(), null, "document", null, NEWS);
    sse("req-77", "http://news.test/stream", 1000, "message", "1", "hello", SseEvent.Via.EVENT_SOURCE);
    sse("req-77", "http://news.test/stream", 1100, "update", "2", "{\"headline\":\"DataSipper 1.0\"}",
        SseEvent.Via.EVENT_SOURCE);
    http(950, 1500, "req-77", "GET", "http://news.test/stream",
        request(List.of(h("Accept", "text/event-stream")), null),
        new HttpResponse(200, "OK", List.of(h("Content-Type", "text/event-stream")), "text/event-stream",
            null, "http/1.1", "198.51.100.7", 80, false),
        new Timing(0, -1, -1, -1, 0.1, 5, 545, 550), List.of(), null, "eventsource", null, NEWS);
    sse("req-88", "http://news.test/feed", 1600, "message", null, "still streaming", SseEvent.Via.FETCH);

    add((id, seq) -> new CaptureGapEvent(id, seq, at(1700), 12, 40960, at(1650), at(1690), "store fell behind"));
    add((id, seq) -> new CaptureErrorEvent(id, seq, at(1800), "browser_exited", "Chromium exited with code 0"));
    return events;
  }

  static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  @FunctionalInterface
  private interface Stamped {
    CaptureEvent make(String id, long seq);
  }

  private void add(Stamped e) {
    events.add(e.make(EventStamps.newId(), events.size() + 1));
  }

  private void http(long startMs, long endMs, String method, String url, HttpRequest request,
      HttpResponse response, Timing timing, List<HttpEvent.Redirect> redirects, HttpEvent.HttpError error,
      String resourceType, HttpEvent.Initiator initiator) {
    http(startMs, endMs, null, method, url, request, response, timing, redirects, error, resourceType, initiator,
        SHOP);
  }

  private void http(long startMs, long endMs, String requestId, String method, String url, HttpRequest request,
      HttpResponse response, Timing timing, List<HttpEvent.Redirect> redirects, HttpEvent.HttpError error,
      String resourceType, HttpEvent.Initiator initiator, Source source) {
    add((id, seq) -> new HttpEvent(id, seq, at(startMs), at(endMs), requestId, url, method, request, response,
        timing, redirects, error, resourceType, initiator, source));
  }

  private void frame(String connection, String url, long ms, Direction direction, Body payload, Opcode opcode,
      Source source) {
    add((id, seq) -> new WsFrameEvent(id, seq, at(ms), connection, url, direction, opcode, payload,
        payload.size(), source));
  }

  private void sse(String requestId, String url, long ms, String event, String lastEventId, String data,
      SseEvent.Via via) {
    add((id, seq) -> new SseEvent(id, seq, at(ms), requestId, url, event, lastEventId, data, via, NEWS));
  }

  private static HttpRequest request(List<EventHeader> headers, Body body) {
    return new HttpRequest(headers, body);
  }

  private static EventHeader h(String name, String value) {
    return new EventHeader(name, value);
  }
}
