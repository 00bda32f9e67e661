package io.datasipper.route;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The 50 streams of {@link RulesBench}, each twice: as a rule in the config form, and as the plain
 * Java a programmer would write for the same condition (the raw baseline).
 */
final class BenchRules {
  /** One stream: its rule's conditions as JSON, and the same test hand-written. */
  record BenchRule(String name, String logic, List<String> conditions, Predicate<Raw> raw) {
    String json() {
      return "{\"name\": \"" + name + "\", \"logic\": \"" + logic + "\", \"conditions\": [" + String.join(", ", conditions)
          + "], \"output\": \"kafka\"}";
    }
  }

  private BenchRules() {}

  static List<BenchRule> all() {
    List<BenchRule> rules = new ArrayList<>();
    for (String host : List.of("api.shop.example", "shop.example", "pay.example", "search.example")) {
      rules.add(and("api_" + host.replace('.', '_'), List.of(c("host", "equals", q(host)), c("path", "starts_with", q("/api/"))),
          r -> host.equals(r.host()) && r.path() != null && r.path().startsWith("/api/")));
    }
    for (int status : new int[] {400, 429, 500}) {
      rules.add(and("status_ge_" + status, List.of(c("type", "equals", q("http")), c("status", "gte", status)),
          r -> r.http != null && r.http.response() != null && r.http.response().status() >= status));
    }
    rules.add(and("failed", List.of(c("error.kind", "exists", null)),
        r -> (r.http != null && r.http.error() != null) || r.event instanceof CaptureErrorEvent));
    for (int ms : new int[] {100, 300, 1000}) {
      rules.add(and("slow_" + ms, List.of(c("type", "equals", q("http")), c("duration_ms", "gt", ms)),
          r -> r.http != null && r.http.timing().totalMs() > ms));
    }
    for (String method : List.of("GET", "POST", "DELETE")) {
      rules.add(and("method_" + method.toLowerCase(Locale.ROOT),
          List.of(c("method", "equals", q(method)), c("resource_type", "in", "[\"xhr\", \"fetch\"]")),
          r -> r.http != null && method.equals(r.http.method())
              && ("xhr".equals(r.http.resourceType()) || "fetch".equals(r.http.resourceType()))));
    }
    for (int price : new int[] {10, 50, 100, 500}) {
      rules.add(and("price_over_" + price, List.of(c("response.json.items[0].price", "gt", price)), r -> {
        JsonNode json = r.responseJson();
        JsonNode p = json == null ? null : json.path("items").path(0).path("price");
        return p != null && p.isNumber() && p.doubleValue() > price;
      }));
    }
    for (int qty : new int[] {2, 5}) {
      rules.add(and("cart_qty_" + qty, List.of(c("path", "ends_with", q("/cart")), c("request.json.qty", "gte", qty)), r -> {
        JsonNode json = r.requestJson();
        return r.path() != null && r.path().endsWith("/cart") && json != null && json.path("qty").isNumber()
            && json.path("qty").doubleValue() >= qty;
      }));
    }
    Pattern orders = Pattern.compile("^/api/v[0-9]+/orders/[0-9]+$");
    rules.add(and("orders", List.of(c("path", "regex", q("^/api/v[0-9]+/orders/[0-9]+$"))),
        r -> r.path() != null && orders.matcher(r.path()).find()));
    for (int page : new int[] {1, 5}) {
      rules.add(and("page_gt_" + page, List.of(c("query.page", "gt", page)), r -> {
        String p = r.query("page");
        return p != null && Integer.parseInt(p) > page;
      }));
    }
    rules.add(and("json_api", List.of(
        c("response.headers.content-type", "contains", q("JSON"), true), c("request.headers.authorization", "exists", null)),
        r -> r.http != null && r.http.response() != null
            && containsIgnoreCase(EventHeader.find(r.http.response().headers(), "content-type"), "json")
            && EventHeader.find(r.http.request().headers(), "authorization") != null));
    rules.add(and("not_static", List.of(c("host", "ends_with", q("shop.example")),
            "{\"not\": {\"logic\": \"OR\", \"conditions\": [" + c("path", "ends_with", q(".js")) + ", "
                + c("path", "ends_with", q(".css")) + ", " + c("path", "ends_with", q(".png")) + "]}}"),
        r -> r.host() != null && r.host().endsWith("shop.example")
            && !(r.path().endsWith(".js") || r.path().endsWith(".css") || r.path().endsWith(".png"))));
    rules.add(and("shop_tab", List.of(c("source.document_url", "starts_with", q("https://shop.example/"))), r -> {
      Source s = r.source();
      return s != null && s.documentUrl() != null && s.documentUrl().startsWith("https://shop.example/");
    }));
    for (String symbol : List.of("BTC", "ETH", "SOL", "ADA", "DOGE", "XRP")) {
      rules.add(and("trades_" + symbol.toLowerCase(Locale.ROOT),
          List.of(c("payload.json.type", "equals", q("trade")), c("payload.json.symbol", "equals", q(symbol))), r -> {
            JsonNode json = r.messageJson();
            return r.frame != null && json != null && "trade".equals(json.path("type").textValue())
                && symbol.equals(json.path("symbol").textValue());
          }));
    }
    for (int qty : new int[] {1, 10, 100}) {
      rules.add(and("big_trades_" + qty, List.of(c("direction", "equals", q("received")), c("payload.json.qty", "gt", qty)),
          r -> {
            JsonNode json = r.messageJson();
            return r.frame != null && r.frame.direction() == WsFrameEvent.Direction.RECEIVED && json != null
                && json.path("qty").isNumber() && json.path("qty").doubleValue() > qty;
          }));
    }
    rules.add(and("ws_sent", List.of(c("direction", "equals", q("sent")), c("payload", "not_contains", q("ping"))),
        r -> r.frame != null && r.frame.direction() == WsFrameEvent.Direction.SENT && !r.frame.payload().data().contains("ping")));
    rules.add(and("quotes", List.of(c("payload.json.type", "in", "[\"quote\", \"book\"]")), r -> {
      JsonNode json = r.messageJson();
      String type = json == null || r.frame == null ? null : json.path("type").textValue();
      return "quote".equals(type) || "book".equals(type);
    }));
    rules.add(and("ws_lifecycle", List.of(c("type", "in", "[\"ws_open\", \"ws_close\", \"ws_error\"]")),
        r -> r.event instanceof WsOpenEvent || r.event instanceof WsCloseEvent || r.event instanceof WsErrorEvent));
    for (String category : List.of("markets", "tech", "sports", "world")) {
      rules.add(and("news_" + category, List.of(c("type", "equals", q("sse")), c("data.json.category", "equals", q(category))),
          r -> {
            JsonNode json = r.messageJson();
            return r.sse != null && json != null && category.equals(json.path("category").textValue());
          }));
    }
    for (int level : new int[] {3, 5}) {
      rules.add(new BenchRule("alerts_" + level, "OR",
          List.of(c("event", "equals", q("alert")), c("data.json.level", "gte", level)), r -> {
            if (r.sse == null) {
              return false;
            }
            JsonNode json = r.messageJson();
            return "alert".equals(r.sse.event())
                || (json != null && json.path("level").isNumber() && json.path("level").doubleValue() >= level);
          }));
    }
    rules.add(and("headline_up", List.of(c("data.json.headline", "contains", q("UP"), true)), r -> {
      JsonNode json = r.messageJson();
      return r.sse != null && json != null && containsIgnoreCase(json.path("headline").textValue(), "up");
    }));
    for (int bytes : new int[] {1000, 10000}) {
      rules.add(and("large_" + bytes, List.of(c("size", "gt", bytes)), r -> r.size() > bytes));
    }
    rules.add(and("gaps", List.of(c("type", "equals", q("capture_gap"))), r -> r.event instanceof CaptureGapEvent));
    rules.add(and("search", List.of(c("query.q", "exists", null), c("path", "starts_with", q("/api/search"))),
        r -> r.query("q") != null && r.path().startsWith("/api/search")));
    rules.add(and("xhr", List.of(c("request.headers.x-requested-with", "equals", q("XMLHttpRequest"))),
        r -> r.http != null && "XMLHttpRequest".equals(EventHeader.find(r.http.request().headers(), "x-requested-with"))));
    return rules;
  }

  private static BenchRule and(String name, List<String> conditions, Predicate<Raw> raw) {
    return new BenchRule(name, "AND", conditions, raw);
  }

  private static String c(String field, String op, Object value) {
    return c(field, op, value, false);
  }

  private static String c(String field, String op, Object value, boolean caseInsensitive) {
    return "{\"field\": \"" + field + "\", \"operator\": \"" + op + "\"" + (value == null ? "" : ", \"value\": " + value)
        + (caseInsensitive ? ", \"case_insensitive\": true" : "") + "}";
  }

  private static String q(String text) {
    return "\"" + text + "\"";
  }

  private static boolean containsIgnoreCase(String text, String part) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(part);
  }

  /**
   * The hand-written baseline's view of an event: the same once-per-event work a careful
   * programmer would do by hand (split the URL once, parse each JSON body once), nothing more.
   */
  static final class Raw {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final CaptureEvent event;
    final HttpEvent http;
    final WsFrameEvent frame;
    final SseEvent sse;
    private boolean urlSplit;
    private String host;
    private String path;
    private String query;
    private JsonNode requestJson;
    private JsonNode responseJson;
    private JsonNode messageJson;
    private boolean requestParsed;
    private boolean responseParsed;
    private boolean messageParsed;

    Raw(CaptureEvent event) {
      this.event = event;
      this.http = event instanceof HttpEvent h ? h : null;
      this.frame = event instanceof WsFrameEvent f ? f : null;
      this.sse = event instanceof SseEvent s ? s : null;
    }

    String host() {
      splitUrl();
      return host;
    }

    String path() {
      splitUrl();
      return path;
    }

    String query(String name) {
      splitUrl();
      if (query == null) {
        return null;
      }
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if ((eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
          return eq < 0 ? "" : pair.substring(eq + 1);
        }
      }
      return null;
    }

    Source source() {
      return switch (event) {
        case HttpEvent e -> e.source();
        case WsOpenEvent e -> e.source();
        case WsFrameEvent e -> e.source();
        case WsCloseEvent e -> e.source();
        case WsErrorEvent e -> e.source();
        case SseEvent e -> e.source();
        default -> null;
      };
    }

    long size() {
      if (http != null) {
        return http.response() == null || http.response().body() == null ? -1 : http.response().body().size();
      }
      if (frame != null) {
        return frame.length();
      }
      return sse != null ? sse.data().length() : -1; // UTF-8 bytes, as the generated data is all ASCII
    }

    JsonNode requestJson() {
      if (!requestParsed) {
        requestJson = http == null || http.request() == null ? null : parse(http.request().body());
        requestParsed = true;
      }
      return requestJson;
    }

    JsonNode responseJson() {
      if (!responseParsed) {
        responseJson = http == null || http.response() == null ? null : parse(http.response().body());
        responseParsed = true;
      }
      return responseJson;
    }

    JsonNode messageJson() {
      if (!messageParsed) {
        messageJson = frame != null ? parse(frame.payload()) : sse != null ? parse(sse.data()) : null;
        messageParsed = true;
      }
      return messageJson;
    }

    private void splitUrl() {
      if (urlSplit) {
        return;
      }
      urlSplit = true;
      String url = switch (event) {
        case HttpEvent e -> e.url();
        case WsOpenEvent e -> e.url();
        case WsFrameEvent e -> e.url();
        case WsCloseEvent e -> e.url();
        case WsErrorEvent e -> e.url();
        case SseEvent e -> e.url();
        default -> null;
      };
      if (url == null) {
        return;
      }
      int start = url.indexOf("://") + 3;
      int slash = url.indexOf('/', start);
      int mark = url.indexOf('?', start);
      int hostEnd = slash < 0 ? (mark < 0 ? url.length() : mark) : (mark < 0 ? slash : Math.min(slash, mark));
      host = url.substring(start, hostEnd);
      path = hostEnd == url.length() || hostEnd == mark ? "/" : url.substring(hostEnd, mark < 0 ? url.length() : mark);
      query = mark < 0 ? null : url.substring(mark + 1);
    }

    private static JsonNode parse(Body body) {
      return body == null || body.encoding() != Body.Encoding.TEXT || body.truncated() ? null : parse(body.data());
    }

    private static JsonNode parse(String text) {
      if (text == null || text.isEmpty() || (text.charAt(0) != '{' && text.charAt(0) != '[')) {
        return null;
      }
      try {
        return MAPPER.readTree(text);
      } catch (JacksonException e) {
        return null;
      }
    }
  }
}
