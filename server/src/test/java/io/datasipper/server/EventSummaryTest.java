package io.datasipper.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a list of events is sent of each type: the line it shows, nothing of the headers or bodies. */
class EventSummaryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-12-04T08:00:00.125Z");
  private static final Source TAB = new Source("tab-7", "frame-1", "page", "https://shop.example.com/");
  private static final String SECRET = "s3cr3t-body-text";

  @Test
  void anExchangeIsSummedUpByItsMethodStatusSizeAndDurationWithoutItsHeadersOrBodies() throws Exception {
    HttpEvent exchange = new HttpEvent("e1", 41, T0, T0.plusNanos(12_500_000), "r1", "https://shop.example.com/api/cart?x=1",
        "POST", new HttpEvent.HttpRequest(List.of(new EventHeader("X-Api-Key", SECRET)), Body.text(SECRET, 16, false)),
        new HttpEvent.HttpResponse(201, "Created", List.of(new EventHeader("Content-Type", "application/json")),
            "application/json", Body.text("{\"secret\":\"" + SECRET + "\"}", 2_345_678, true), "h2", "127.0.0.1", 443,
            false),
        null, List.of(), null, "fetch", null, TAB);

    String json = summaryJson(exchange);

    assertThat(fields(json)).containsExactly(Map.entry("seq", 41), Map.entry("type", "http"),
        Map.entry("time", "2026-12-04T08:00:00.137500Z"), Map.entry("tab_id", "tab-7"),
        Map.entry("url", "https://shop.example.com/api/cart?x=1"), Map.entry("method", "POST"),
        Map.entry("status", 201), Map.entry("size", 2_345_678), Map.entry("duration_ms", 12.5));
    assertThat(json).doesNotContain(SECRET);
  }

  @Test
  void aFrameIsSummedUpByItsDirectionAndLengthWithoutItsPayload() throws Exception {
    WsFrameEvent frame = new WsFrameEvent("f1", 42, T0, "conn-1", "wss://ws.example.com/prices", WsFrameEvent.Direction.SENT,
        WsFrameEvent.Opcode.TEXT, Body.text(SECRET, 16, true), 70_000, TAB);

    String json = summaryJson(frame);

    assertThat(fields(json)).containsExactly(Map.entry("seq", 42), Map.entry("type", "ws_frame"),
        Map.entry("time", "2026-12-04T08:00:00.125Z"), Map.entry("tab_id", "tab-7"),
        Map.entry("url", "wss://ws.example.com/prices"), Map.entry("direction", "sent"), Map.entry("size", 70_000));
    assertThat(json).doesNotContain(SECRET);
  }

  @Test
  void theOtherTypesKeepTheirStatusTheirTextOrTheirSize() throws Exception {
    assertThat(fields(summaryJson(new WsOpenEvent("o", 1, T0, "c", "wss://ws.example.com/", List.of(), 101, List.of(),
        null)))).containsEntry("status", 101).doesNotContainKey("tab_id");
    assertThat(fields(summaryJson(new WsCloseEvent("c", 2, T0, "c", "wss://ws.example.com/", TAB))))
        .containsOnlyKeys("seq", "type", "time", "tab_id", "url");
    assertThat(fields(summaryJson(new WsErrorEvent("e", 3, T0, "c", "wss://ws.example.com/", "handshake refused", TAB))))
        .containsEntry("text", "handshake refused");
    assertThat(fields(summaryJson(new SseEvent("s", 4, T0, "r", "https://shop.example.com/events", "price", "9",
        "{\"p\":1}", SseEvent.Via.EVENT_SOURCE, TAB)))).containsEntry("text", "price").containsEntry("size", 7);
    CaptureEvent gap = new CaptureGapEvent("g", 5, T0, 10, 1_000, T0, T0, "the store's queue was full");
    assertThat(fields(summaryJson(gap))).containsOnlyKeys("seq", "type", "time", "text")
        .containsEntry("text", "the store's queue was full");
    assertThat(fields(summaryJson(new CaptureErrorEvent("x", 6, T0, "message_dropped", "dropped a message"))))
        .containsEntry("type", "capture_error").containsEntry("text", "dropped a message");
  }

  @Test
  void aSummaryNamesTheFieldsThatDifferFromTheOneBeforeAndNullForTheOnesItHasNot() {
    WsFrameEvent frame = new WsFrameEvent("f1", 42, T0, "conn-1", "wss://ws.example.com/prices", WsFrameEvent.Direction.SENT,
        WsFrameEvent.Opcode.TEXT, Body.text("{}", 2, false), 2, TAB);
    WsFrameEvent next = new WsFrameEvent("f2", 43, T0.plusMillis(1), "conn-1", "wss://ws.example.com/prices",
        WsFrameEvent.Direction.SENT, WsFrameEvent.Opcode.TEXT, Body.text("{\"p\":1}", 7, false), 7, TAB);
    WsCloseEvent close = new WsCloseEvent("c", 44, T0.plusMillis(1), "conn-1", "wss://ws.example.com/prices", null);

    assertThat(changes(EventSummary.of(frame), EventSummary.of(next))).isEqualTo(
        "\"seq\":43,\"time\":\"2026-12-04T08:00:00.126Z\",\"size\":7");
    assertThat(changes(EventSummary.of(next), EventSummary.of(close))).isEqualTo(
        "\"seq\":44,\"type\":\"ws_close\",\"tab_id\":null,\"direction\":null,\"size\":null");
    assertThat(changes(null, EventSummary.of(close))).isEqualTo(EventSummary.of(close).json().replaceAll("^\\{|}$", ""));
  }

  private static String changes(EventSummary before, EventSummary summary) {
    StringBuilder out = new StringBuilder();
    summary.appendChanges(before, out);
    return out.toString();
  }

  private static String summaryJson(CaptureEvent event) {
    return EventSummary.of(event).json();
  }

  private static Map<String, Object> fields(String json) throws Exception {
    JsonNode tree = JSON.readTree(json);
    return JSON.convertValue(tree, JSON.getTypeFactory().constructMapType(java.util.LinkedHashMap.class, String.class,
        Object.class));
  }
}
