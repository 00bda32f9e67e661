package io.datasipper.output.kafka;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.StreamSpec;
import io.datasipper.route.RuleParser;
import io.datasipper.store.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stored events and pipeline specs for the Kafka tests. */
final class Events {
  static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
  static final Source TAB = new Source("tab-1", "frame-1", "page", "http://127.0.0.1/app");
  static final int CONNECTIONS = 4;

  private Events() {}

  /** Every third event an HTTP exchange, the others frames of {@value #CONNECTIONS} WebSocket connections. */
  static CaptureEvent event(long seq) {
    return event(seq, "{\"n\":" + seq + "}");
  }

  static CaptureEvent event(long seq, String payload) {
    Instant at = T0.plusMillis(seq);
    if (seq % 3 == 0) {
      return new HttpEvent("e" + seq, seq, at, at, "http://127.0.0.1/api/orders/" + seq, "GET",
          new HttpEvent.HttpRequest(List.of(), null),
          new HttpEvent.HttpResponse(200, "OK", List.of(), "application/json",
              Body.text("{\"order\":" + seq + "}", 12, false), "http/1.1", null, false),
          null, List.of(), null, "fetch", null, TAB);
    }
    return frame(seq, "conn-" + (seq % CONNECTIONS), payload);
  }

  static WsFrameEvent frame(long seq, String connection, String payload) {
    return new WsFrameEvent("e" + seq, seq, T0.plusMillis(seq), connection, "ws://127.0.0.1/ws",
        WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text(payload, payload.length(), false),
        payload.length(), TAB);
  }

  static void fill(EventStore store, long from, long to) {
    List<CaptureEvent> batch = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      batch.add(event(seq));
      if (batch.size() == 1000) {
        store.insert(batch);
        batch = new ArrayList<>();
      }
    }
    store.insert(batch);
  }

  /** A stream of the events of one type ({@code ws_frame}, {@code http}). */
  static StreamSpec stream(String name, String type, String... outputs) {
    Map<String, Object> rule = Map.of("name", name,
        "conditions", List.of(Map.of("field", "type", "operator", "equals", "value", type)));
    return new StreamSpec(RuleParser.parse(rule, "streams[0]"), null, List.of(outputs));
  }

  static OutputSpec kafka(String name, EmbeddedKafka kafka, Map<String, Object> settings) {
    Map<String, Object> all = new java.util.HashMap<>(settings);
    all.put("bootstrap_servers", kafka.bootstrapServers());
    return new OutputSpec(name, "kafka", true, all);
  }
}
