package io.datasipper.pipeline;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.route.RuleParser;
import io.datasipper.store.EventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stored events and pipeline specs for the delivery tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
  static final Source TAB = new Source("tab-1", "frame-1", "page", "http://127.0.0.1/app");

  private Fixtures() {}

  /** Every third event an HTTP exchange under /api/, the others WebSocket frames. */
  static CaptureEvent event(long seq) {
    Instant at = T0.plusMillis(seq);
    if (seq % 3 == 0) {
      return new HttpEvent("e" + seq, seq, at, at, "http://127.0.0.1/api/orders/" + seq, "GET",
          new HttpEvent.HttpRequest(List.of(), null),
          new HttpEvent.HttpResponse(200, "OK", List.of(), "application/json",
              Body.text("{\"order\":" + seq + "}", 12, false), "http/1.1", null, false),
          null, List.of(), null, "fetch", null, TAB);
    }
    String payload = "{\"n\":" + seq + "}";
    return new WsFrameEvent("e" + seq, seq, at, "conn-" + (seq % 2), "ws://127.0.0.1/ws",
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

  static StreamSpec stream(String name, String type, String transform, String... outputs) {
    Map<String, Object> rule = Map.of("name", name,
        "conditions", List.of(Map.of("field", "type", "operator", "equals", "value", type)));
    return new StreamSpec(RuleParser.parse(rule, "streams[0]"), transform, List.of(outputs));
  }

  static OutputSpec file(String name, Path path) {
    return new OutputSpec(name, "file", true, Map.of("path", path.toString()));
  }

  static List<String> lines(Path file) throws java.io.IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }
}
