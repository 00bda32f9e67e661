package io.datasipper.route;

import io.datasipper.api.event.Body;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A realistic mix of captured traffic for {@link RulesBench}: about 45% HTTP (JSON APIs with real
 * header sets, some static assets and pages), 40% WebSocket frames (market data in JSON, pings,
 * subscriptions), 12% server-sent events with JSON data, and the rest connection events and gaps.
 */
final class BenchTraffic {
  static final String[] SYMBOLS = {"BTC", "ETH", "SOL", "ADA", "DOGE", "XRP", "DOT", "LTC"};
  static final String[] CATEGORIES = {"markets", "tech", "sports", "world", "science"};
  private static final String[] TABS = {"8C1F0B6E2D9A4E7F91A3C5D7E9F0B2A4", "1A2B3C4D5E6F708192A3B4C5D6E7F809",
      "FEDCBA98765432100123456789ABCDEF"};
  private static final String[] DOCUMENTS = {"https://shop.example/", "https://shop.example/cart",
      "https://pay.example/checkout", "https://news.example/"};
  private static final String[] NAMES = {"Runner", "Trail Shoe", "Sandal", "Boot", "Sneaker", "Loafer", "Clog"};
  private static final String[] HEADLINES = {"Markets up on rate hopes", "New phone unveiled", "Cup final tonight",
      "Summit ends without deal", "Probe reaches comet", "Stocks slide as yields rise"};
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final Random random;
  private long seq;

  BenchTraffic(long seed) {
    this.random = new Random(seed);
  }

  List<CaptureEvent> events(int count) {
    List<CaptureEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(100);
      events.add(pick < 45 ? http() : pick < 85 ? wsFrame() : pick < 97 ? sse() : other());
    }
    return events;
  }

  private HttpEvent http() {
    int pick = random.nextInt(100);
    if (pick < 35) {
      int page = 1 + random.nextInt(10);
      return exchange("GET", "https://api.shop.example/api/v1/products?page=" + page + "&sort=price", "fetch",
          "application/json", products(page), null);
    }
    if (pick < 50) {
      String body = "{\"sku\":\"A" + random.nextInt(1000) + "\",\"qty\":" + (1 + random.nextInt(8)) + "}";
      return exchange("POST", "https://shop.example/api/v1/cart", "xhr", "application/json",
          "{\"items\":" + random.nextInt(9) + ",\"total\":" + money(500) + ",\"currency\":\"EUR\"}", body);
    }
    if (pick < 60) {
      return exchange(random.nextInt(10) == 0 ? "DELETE" : "GET",
          "https://pay.example/api/v2/orders/" + (10000 + random.nextInt(90000)), "fetch", "application/json",
          "{\"id\":" + random.nextInt(100000) + ",\"state\":\"paid\",\"lines\":[{\"sku\":\"A1\",\"price\":"
              + money(200) + "}]}", null);
    }
    if (pick < 70) {
      return exchange("GET", "https://search.example/api/search?q=" + NAMES[random.nextInt(NAMES.length)].replace(' ', '+')
          + "&page=" + (1 + random.nextInt(8)), "xhr", "application/json", products(1), null);
    }
    if (pick < 90) {
      String[] assets = {"/static/app.js", "/static/app.css", "/img/hero.png", "/img/logo.png"};
      String asset = assets[random.nextInt(assets.length)];
      String mime = asset.endsWith(".js") ? "text/javascript" : asset.endsWith(".css") ? "text/css" : "image/png";
      return exchange("GET", "https://cdn.shop.example" + asset, asset.endsWith(".png") ? "image" : "script", mime,
          null, null);
    }
    return exchange("GET", "https://shop.example/", "document", "text/html",
        "<!doctype html><html><head><title>Shop</title></head><body>" + "x".repeat(2000) + "</body></html>", null);
  }

  private HttpEvent exchange(String method, String url, String resourceType, String mime, String responseBody,
      String requestBody) {
    List<EventHeader> request = new ArrayList<>(List.of(
        new EventHeader("Accept", "application/json, text/plain, */*"),
        new EventHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"),
        new EventHeader("Accept-Language", "en-US,en;q=0.9"),
        new EventHeader("Referer", DOCUMENTS[random.nextInt(DOCUMENTS.length)]),
        new EventHeader("Cookie", "[redacted]")));
    if (requestBody != null) {
      request.add(new EventHeader("Content-Type", "application/json"));
    }
    if (random.nextInt(3) == 0) {
      request.add(new EventHeader("Authorization", "[redacted]"));
    }
    if (resourceType.equals("xhr")) {
      request.add(new EventHeader("X-Requested-With", "XMLHttpRequest"));
    }
    int status = status();
    List<EventHeader> response = List.of(
        new EventHeader("content-type", mime + (mime.startsWith("text/") || mime.endsWith("json") ? "; charset=utf-8" : "")),
        new EventHeader("content-length", String.valueOf(responseBody == null ? 20480 : responseBody.length())),
        new EventHeader("cache-control", "no-cache"),
        new EventHeader("date", "Sun, 01 Mar 2026 10:00:00 GMT"),
        new EventHeader("server", "nginx"),
        new EventHeader("etag", "\"" + Integer.toHexString(random.nextInt()) + "\""),
        new EventHeader("vary", "Accept-Encoding"),
        new EventHeader("x-request-id", Long.toHexString(random.nextLong())));
    Body body = responseBody == null ? Body.omitted(20480, "body not kept for mime type " + mime)
        : Body.text(responseBody, responseBody.length(), false);
    double total = 5 + random.nextDouble() * random.nextDouble() * 1500;
    long start = seq * 3;
    seq++;
    return new HttpEvent(id(), seq, T0.plusMillis(start), T0.plusMillis(start + (long) total), null, url, method,
        new HttpEvent.HttpRequest(request, requestBody == null ? null : Body.text(requestBody, requestBody.length(), false)),
        new HttpEvent.HttpResponse(status, "", response, mime, body, "h2", "203.0.113.7", 443, false),
        new HttpEvent.Timing(0.5, -1, -1, -1, 0.1, total * 0.8, total * 0.2 - 0.6, total), List.of(),
        null, resourceType, new HttpEvent.Initiator("script", DOCUMENTS[0] + "app.js"), source());
  }

  private int status() {
    int pick = random.nextInt(100);
    return pick < 85 ? 200 : pick < 88 ? 201 : pick < 91 ? 304 : pick < 94 ? 404 : pick < 96 ? 429 : pick < 98 ? 500 : 503;
  }

  private String products(int page) {
    StringBuilder json = new StringBuilder("{\"page\":").append(page).append(",\"items\":[");
    int n = 3 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",").append("{\"id\":").append(random.nextInt(100000))
          .append(",\"name\":\"").append(NAMES[random.nextInt(NAMES.length)])
          .append("\",\"price\":").append(money(600))
          .append(",\"stock\":").append(random.nextInt(50))
          .append(",\"tags\":[\"new\",\"sale\"]}");
    }
    return json.append("],\"total\":").append(100 + random.nextInt(900)).append("}").toString();
  }

  private WsFrameEvent wsFrame() {
    boolean sent = random.nextInt(100) < 15;
    String text;
    if (sent) {
      text = random.nextBoolean() ? "ping"
          : "{\"op\":\"subscribe\",\"channel\":\"trades." + SYMBOLS[random.nextInt(SYMBOLS.length)] + "\"}";
    } else {
      int pick = random.nextInt(100);
      String symbol = SYMBOLS[random.nextInt(SYMBOLS.length)];
      text = pick < 60
          ? "{\"type\":\"trade\",\"symbol\":\"" + symbol + "\",\"price\":" + money(70000) + ",\"qty\":"
              + money(150) + ",\"side\":\"" + (random.nextBoolean() ? "buy" : "sell") + "\",\"ts\":" + (1772358000000L + seq) + "}"
          : pick < 85
              ? "{\"type\":\"quote\",\"symbol\":\"" + symbol + "\",\"bid\":" + money(70000) + ",\"ask\":" + money(70000) + "}"
              : "{\"type\":\"book\",\"symbol\":\"" + symbol + "\",\"bids\":[[" + money(100) + ",1],[" + money(100)
                  + ",2],[" + money(100) + ",3]],\"asks\":[[" + money(100) + ",1],[" + money(100) + ",2]]}";
    }
    seq++;
    return new WsFrameEvent(id(), seq, T0.plusMillis(seq), "1234.56", "wss://stream.shop.example/ws",
        sent ? WsFrameEvent.Direction.SENT : WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT,
        Body.text(text, text.length(), false), text.length(), source());
  }

  private SseEvent sse() {
    int pick = random.nextInt(100);
    String event = pick < 70 ? "update" : pick < 80 ? "alert" : "message";
    String data = "{\"id\":" + seq + ",\"headline\":\"" + HEADLINES[random.nextInt(HEADLINES.length)]
        + "\",\"category\":\"" + CATEGORIES[random.nextInt(CATEGORIES.length)] + "\",\"level\":" + random.nextInt(6)
        + ",\"body\":\"" + "Lorem ipsum dolor sit amet. ".repeat(1 + random.nextInt(8)) + "\"}";
    seq++;
    return new SseEvent(id(), seq, T0.plusMillis(seq), "1234.90", "https://news.example/stream", event,
        String.valueOf(seq), data, SseEvent.Via.EVENT_SOURCE, source());
  }

  private CaptureEvent other() {
    seq++;
    Source source = source();
    return switch (random.nextInt(4)) {
      case 0 -> new WsOpenEvent(id(), seq, T0, "1234.56", "wss://stream.shop.example/ws",
          List.of(new EventHeader("Sec-WebSocket-Version", "13")), 101, List.of(new EventHeader("Upgrade", "websocket")),
          source);
      case 1 -> new WsCloseEvent(id(), seq, T0, "1234.56", "wss://stream.shop.example/ws", source);
      case 2 -> new WsErrorEvent(id(), seq, T0, "1234.57", "wss://stream.shop.example/ws", "Invalid frame header",
          source);
      default -> new CaptureGapEvent(id(), seq, T0, 100, 81920, T0, T0, "store fell behind");
    };
  }

  private Source source() {
    int tab = random.nextInt(TABS.length);
    return new Source(TABS[tab], TABS[tab], "page", DOCUMENTS[random.nextInt(DOCUMENTS.length)]);
  }

  private String money(int max) {
    return String.valueOf(random.nextInt(max * 100) / 100.0);
  }

  private String id() {
    return "019a4b1c-0000-7000-8000-" + String.format("%012d", seq);
  }
}
