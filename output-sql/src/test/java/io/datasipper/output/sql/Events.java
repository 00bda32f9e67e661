package io.datasipper.output.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.pipeline.StreamSpec;
import io.datasipper.route.RuleParser;
import io.datasipper.store.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stored events and pipeline specs for the tests and the bench. */
final class Events {
  static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
  static final Source TAB = new Source("tab-1", "frame-1", "page", "http://127.0.0.1/app");

  private Events() {}

  /** Every third event an HTTP exchange, the others WebSocket frames with {@code padding} extra characters. */
  static CaptureEvent event(long seq, int padding) {
    Instant at = T0.plusMillis(seq);
    if (seq % 3 == 0) {
      return new HttpEvent("e" + seq, seq, at, at, "http://127.0.0.1/api/orders/" + seq, "GET",
          new HttpEvent.HttpRequest(List.of(), null),
          new HttpEvent.HttpResponse(200, "OK", List.of(), "application/json",
              Body.text("{\"order\":" + seq + "}", 12, false), "http/1.1", null, false),
          null, List.of(), null, "fetch", null, TAB);
    }
    String payload = "{\"n\":" + seq + ",\"pad\":\"" + "x".repeat(padding) + "\"}";
    return new WsFrameEvent("e" + seq, seq, at, "conn-" + (seq % 2), "ws://127.0.0.1/ws",
        WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text(payload, payload.length(), false),
        payload.length(), TAB);
  }

  static CaptureEvent event(long seq) {
    return event(seq, 0);
  }

  /**
   * The record value the pipeline makes of an event without a transform, as read back from JSON
   * text (so numbers compare by value, not by the Java type that held them).
   */
  static JsonNode value(long seq) {
    try {
      return EventJson.mapper().readTree(EventJson.write(event(seq)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The record value exactly as the pipeline makes it, for writing to an output directly. */
  static JsonNode recordValue(long seq) {
    return EventJson.mapper().valueToTree(event(seq));
  }

  static void fill(EventStore store, long from, long to, int padding) {
    List<CaptureEvent> batch = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      batch.add(event(seq, padding));
      if (batch.size() == 1000) {
        store.insert(batch);
        batch = new ArrayList<>();
      }
    }
    store.insert(batch);
  }

  static StreamSpec stream(String name, String type, String... outputs) {
    Map<String, Object> rule = Map.of("name", name,
        "conditions", List.of(Map.of("field", "type", "operator", "equals", "value", type)));
    return new StreamSpec(RuleParser.parse(rule, "streams[0]"), null, List.of(outputs));
  }

  /** Streams {@code frames} (WebSocket frames) and {@code calls} (HTTP), both to the output {@code sql}. */
  static PipelineSpec toOutput(Map<String, Object> settings) {
    return new PipelineSpec(List.of(stream("frames", "ws_frame", "sql"), stream("calls", "http", "sql")),
        List.of(new OutputSpec("sql", "sql", true, settings)));
  }

  static boolean isFrame(long seq) {
    return seq % 3 != 0;
  }
}
