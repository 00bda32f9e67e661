package io.datasipper.bench;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.EventHeader;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.SseEvent;
import io.datasipper.api.event.WsCloseEvent;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.event.WsOpenEvent;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A long browsing session, made up deterministically from each event's seq: about 40% HTTP
 * exchanges (JSON APIs, images, scripts; mostly GET and 200, some POSTs, 404s and 500s), 45%
 * WebSocket frames, 13% server-sent events, and WebSocket opens and closes, over five hosts and
 * three tabs, an event every 2 ms. Headers as a browser sends them; bodies small (under 1 KB).
 */
final class QueryTraffic {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  static final String[] HOSTS = {"api.shop.example", "api.shop.example", "cdn.shop.example", "img.shop.example",
      "tracker.ads.example"};
  static final String[] TABS = {"3F1C0A5E9B7D4C2A8E6F1B3D5A7C9E0F", "8A2B4C6D8E0F1A3B5C7D9E1F2A4B6C8D",
      "C0FFEE00112233445566778899AABBCC"};
  private static final String[] PATHS = {"/v1/orders/", "/v1/cart/", "/v1/products/", "/v1/users/me/", "/v1/search/"};
  private static final List<EventHeader> REQUEST_HEADERS = List.of(
      new EventHeader("Accept", "application/json, text/plain, */*"),
      new EventHeader("Accept-Encoding", "gzip, deflate, br"),
      new EventHeader("Accept-Language", "en-US,en;q=0.9"),
      new EventHeader("Cookie", "[redacted]"),
      new EventHeader("Referer", "https://shop.example/checkout"),
      new EventHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
      new EventHeader("sec-ch-ua-platform", "\"Linux\""));
  private static final List<EventHeader> RESPONSE_HEADERS = List.of(
      new EventHeader("content-type", "application/json; charset=utf-8"),
      new EventHeader("cache-control", "no-store"),
      new EventHeader("date", "Tue, 01 Dec 2026 09:00:00 GMT"),
      new EventHeader("server", "envoy"),
      new EventHeader("x-request-id", "5b0d1e62-3c1f-4a8e-9d2b-7f6a5c4e3b21"),
      new EventHeader("content-encoding", "br"));

  private QueryTraffic() {}

  static Instant time(long seq) {
    return T0.plusMillis(2 * seq);
  }

  static CaptureEvent event(long seq) {
    SplittableRandom r = new SplittableRandom(seq * 0x9E3779B97F4A7C15L);
    String tab = TABS[r.nextInt(TABS.length)];
    Source source = new Source(tab, tab, "page", "https://shop.example/checkout");
    int kind = r.nextInt(100);
    Instant t = time(seq);
    if (kind < 40) {
      return http(seq, r, t, source);
    }
    String host = HOSTS[r.nextInt(HOSTS.length)];
    if (kind < 85) {
      String payload = "{\"type\":\"price\",\"sku\":\"A" + r.nextInt(10_000) + "\",\"bid\":" + r.nextInt(100_000)
          + ",\"ask\":" + r.nextInt(100_000) + ",\"pad\":\"" + "x".repeat(r.nextInt(50, 250)) + "\"}";
      return new WsFrameEvent("ws-" + seq, seq, t, "conn-" + (seq / 50_000), "wss://" + host + "/live/prices",
          r.nextInt(10) == 0 ? WsFrameEvent.Direction.SENT : WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT,
          Body.text(payload, payload.length(), false), payload.length(), source);
    }
    if (kind < 98) {
      String data = "{\"headline\":\"News item " + seq + "\",\"body\":\"" + "y".repeat(r.nextInt(20, 150)) + "\"}";
      return new SseEvent("sse-" + seq, seq, t, "req-" + (seq / 100_000), "https://" + host + "/v1/news/stream",
          "news", Long.toString(seq), data, SseEvent.Via.EVENT_SOURCE, source);
    }
    if (kind < 99) {
      return new WsOpenEvent("open-" + seq, seq, t, "conn-" + seq, "wss://" + host + "/live/prices",
          List.of(new EventHeader("Upgrade", "websocket")), 101, List.of(new EventHeader("Connection", "Upgrade")), source);
    }
    return new WsCloseEvent("close-" + seq, seq, t, "conn-" + seq, "wss://" + host + "/live/prices", source);
  }

  private static HttpEvent http(long seq, SplittableRandom r, Instant t, Source source) {
    String host = HOSTS[r.nextInt(HOSTS.length)];
    String path = PATHS[r.nextInt(PATHS.length)];
    String url = "https://" + host + path + r.nextInt(100_000) + "?page=" + r.nextInt(1, 6) + "&lang=en";
    int m = r.nextInt(100);
    String method = m < 80 ? "GET" : m < 95 ? "POST" : m < 98 ? "PUT" : "DELETE";
    int s = r.nextInt(1000);
    int status = s < 850 ? 200 : s < 900 ? 304 : s < 940 ? 201 : s < 980 ? 404 : s < 990 ? 401 : 500;
    Body requestBody = method.equals("GET") ? null
        : Body.text("{\"sku\":\"A" + r.nextInt(10_000) + "\",\"qty\":" + r.nextInt(1, 9) + "}", 24, false);
    String json = "{\"id\":" + seq + ",\"items\":[" + "{\"sku\":\"A1\",\"qty\":2},".repeat(r.nextInt(1, 12))
        + "{}],\"total\":" + r.nextInt(100_000) + "}";
    HttpEvent.HttpResponse response = new HttpEvent.HttpResponse(status, status == 200 ? "OK" : "", RESPONSE_HEADERS,
        "application/json", Body.text(json, json.length(), false), "h2", "203.0.113.10", 443, status == 304);
    return new HttpEvent("http-" + seq, seq, t.minusMillis(40), t, null, url, method,
        new HttpEvent.HttpRequest(REQUEST_HEADERS, requestBody), response,
        new HttpEvent.Timing(0.4, -1, -1, -1, 0.1, 35.2, 4.3, 40.0), List.of(), null, "fetch",
        new HttpEvent.Initiator("script", "https://shop.example/app.js"), source);
  }
}
