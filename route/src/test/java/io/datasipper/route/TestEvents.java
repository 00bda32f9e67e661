package io.datasipper.route;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Events and rules for tests: events with every part filled in unless a test says otherwise. */
final class TestEvents {
  static final Instant T0 = Instant.parse("2026-03-01T10:15:02.125Z");
  static final Source SOURCE = new Source("TAB1", "FRAME1", "page", "https://shop.example/", "eu-1", "/data/shop.har");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestEvents() {}

  /** A rule map as a JSON or YAML parser gives it. */
  static Object yamlish(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static StreamRule rule(String json) {
    return RuleParser.parse(yamlish(json), "streams[0]");
  }

  /** A rule named {@code name} with the one condition written as JSON. */
  static StreamRule ruleWith(String name, String conditionJson) {
    return rule("{\"name\": \"" + name + "\", \"conditions\": [" + conditionJson + "]}");
  }

  static HttpBuilder http() {
    return new HttpBuilder();
  }

  static WsFrameEvent wsFrame(WsFrameEvent.Direction direction, String text) {
    return new WsFrameEvent("f1", 2, T0, "1234.56", "wss://shop.example/live?room=7", direction,
        WsFrameEvent.Opcode.TEXT, Body.text(text, text.length(), false), text.length(), SOURCE);
  }

  static WsFrameEvent wsBinary(String base64, long length) {
    return new WsFrameEvent("f2", 3, T0, "1234.56", "wss://shop.example/live", WsFrameEvent.Direction.SENT,
        WsFrameEvent.Opcode.BINARY, Body.base64(base64, length, false), length, SOURCE);
  }

  static WsOpenEvent wsOpen() {
    return new WsOpenEvent("o1", 4, T0, "1234.56", "wss://shop.example/live",
        List.of(new EventHeader("Sec-WebSocket-Version", "13")), 101,
        List.of(new EventHeader("Upgrade", "websocket")), SOURCE);
  }

  static WsCloseEvent wsClose() {
    return new WsCloseEvent("c1", 5, T0, "1234.56", "wss://shop.example/live", SOURCE);
  }

  static WsErrorEvent wsError() {
    return new WsErrorEvent("e1", 6, T0, "1234.77", "", "Could not decode a text frame as UTF-8.", SOURCE);
  }

  static SseEvent sse(String event, String data) {
    return new SseEvent("s1", 7, T0, "1234.90", "https://news.example/stream", event, "17", data,
        SseEvent.Via.EVENT_SOURCE, SOURCE);
  }

  static CaptureGapEvent gap() {
    return new CaptureGapEvent("g1", 8, T0, 1500, 12_582_912, T0, T0, "store fell behind", Source.ofNode("eu-1"));
  }

  static CaptureErrorEvent captureError() {
    return new CaptureErrorEvent("x1", 9, T0, "browser_exited", "Chromium exited unexpectedly (exit code 1)",
        Source.ofNode("eu-1"));
  }

  /** One event of every type. */
  static List<CaptureEvent> oneOfEach() {
    return List.of(http().build(), wsOpen(), wsFrame(WsFrameEvent.Direction.RECEIVED, "{\"price\":10.5}"),
        wsClose(), wsError(), sse("update", "{\"headline\":\"Markets up\"}"), gap(), captureError());
  }

  static final class HttpBuilder {
    private String url = "https://shop.example/api/cart?id=42&q=red+shoes";
    private String method = "POST";
    private final List<EventHeader> requestHeaders = new ArrayList<>(List.of(
        new EventHeader("Content-Type", "application/json"), new EventHeader("X-Trace", "abc")));
    private Body requestBody = Body.text("{\"sku\":\"A1\",\"qty\":2}", 20, false);
    private Integer status = 201;
    private final List<EventHeader> responseHeaders = new ArrayList<>(List.of(
        new EventHeader("content-type", "application/json; charset=utf-8"), new EventHeader("ETag", "\"v1\"")));
    private String mimeType = "application/json";
    private Body responseBody = Body.text("{\"items\":[{\"price\":12.5,\"name\":\"Shoe\"}],\"total\":3}", 50, false);
    private HttpEvent.Timing timing = new HttpEvent.Timing(0.8, -1, -1, -1, 0.2, 172.4, 13.0, 186.4);
    private HttpEvent.HttpError error;
    private String resourceType = "fetch";
    private Source source = SOURCE;

    HttpBuilder url(String url) {
      this.url = url;
      return this;
    }

    HttpBuilder method(String method) {
      this.method = method;
      return this;
    }

    HttpBuilder requestHeader(String name, String value) {
      requestHeaders.add(new EventHeader(name, value));
      return this;
    }

    HttpBuilder requestBody(Body body) {
      this.requestBody = body;
      return this;
    }

    HttpBuilder status(Integer status) {
      this.status = status;
      return this;
    }

    HttpBuilder responseHeader(String name, String value) {
      responseHeaders.add(new EventHeader(name, value));
      return this;
    }

    HttpBuilder mimeType(String mimeType) {
      this.mimeType = mimeType;
      return this;
    }

    HttpBuilder responseBody(Body body) {
      this.responseBody = body;
      return this;
    }

    HttpBuilder responseJson(String json) {
      return responseBody(Body.text(json, json.length(), false));
    }

    HttpBuilder timing(HttpEvent.Timing timing) {
      this.timing = timing;
      return this;
    }

    HttpBuilder failed(String kind) {
      this.error = new HttpEvent.HttpError(kind, "net::ERR_CONNECTION_REFUSED", null);
      this.status = null;
      return this;
    }

    HttpBuilder resourceType(String resourceType) {
      this.resourceType = resourceType;
      return this;
    }

    HttpBuilder source(Source source) {
      this.source = source;
      return this;
    }

    HttpEvent build() {
      HttpEvent.HttpResponse response = status == null ? null
          : new HttpEvent.HttpResponse(status, "Created", List.copyOf(responseHeaders), mimeType, responseBody, "h2",
              "2001:db8::10", 443, false);
      return new HttpEvent("h1", 1, T0, T0.plusMillis(186), null, url, method,
          new HttpEvent.HttpRequest(List.copyOf(requestHeaders), requestBody), response, timing, List.of(), error,
          resourceType, new HttpEvent.Initiator("script", "https://shop.example/app.js"), source);
    }
  }
}
