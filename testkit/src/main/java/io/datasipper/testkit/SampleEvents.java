package io.datasipper.testkit;

import io.datasipper.api.event.Body;
import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.event.HttpEvent;
import io.datasipper.api.event.Source;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.route.RuleParser;
import io.datasipper.route.StreamRule;
import io.datasipper.store.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Sample traffic of one page, numbered by {@code seq}: every third event ({@code seq} divisible by
 * 3) an HTTP call, the others received WebSocket text frames. Event {@code seq} has the id
 * {@code e<seq>} and happens {@code seq} ms after {@link #T0}, so a test can tell from a delivered
 * record which event it was made of.
 */
public final class SampleEvents {
  public static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
  public static final Source TAB = new Source("tab-1", "frame-1", "page", "http://127.0.0.1/app");

  private SampleEvents() {}

  /** Whether event {@code seq} is a frame rather than a call. */
  public static boolean isFrame(long seq) {
    return seq % 3 != 0;
  }

  /** A call or a frame (see the class); a frame carries {@code payload} on {@code conn-<seq % connections>}. */
  public static CaptureEvent event(long seq, int connections, String payload) {
    return isFrame(seq) ? frame(seq, "conn-" + seq % connections, payload) : call(seq);
  }

  /** {@code GET http://127.0.0.1/api/orders/<seq>}, answered 200 with {@code {"order":<seq>}}. */
  public static HttpEvent call(long seq) {
    Instant at = T0.plusMillis(seq);
    return new HttpEvent("e" + seq, seq, at, at, null, "http://127.0.0.1/api/orders/" + seq, "GET",
        new HttpEvent.HttpRequest(List.of(), null),
        new HttpEvent.HttpResponse(200, "OK", List.of(), "application/json",
            Body.text("{\"order\":" + seq + "}", 12, false), "http/1.1", null, null, false),
        null, List.of(), null, "fetch", null, TAB);
  }

  /** A text frame received from {@code ws://127.0.0.1/ws} on {@code connection}. */
  public static WsFrameEvent frame(long seq, String connection, String payload) {
    return new WsFrameEvent("e" + seq, seq, T0.plusMillis(seq), connection, "ws://127.0.0.1/ws",
        WsFrameEvent.Direction.RECEIVED, WsFrameEvent.Opcode.TEXT, Body.text(payload, payload.length(), false),
        payload.length(), TAB);
  }

  /** Stores the events {@code from} to {@code to} (both included) that {@code event} makes, 1,000 an insert. */
  public static void fill(EventStore store, long from, long to, LongFunction<? extends CaptureEvent> event) {
    List<CaptureEvent> batch = new ArrayList<>();
    for (long seq = from; seq <= to; seq++) {
      batch.add(event.apply(seq));
      if (batch.size() == 1000) {
        store.insert(batch);
        batch = new ArrayList<>();
      }
    }
    store.insert(batch);
  }

  /** The stream rule {@code name} that takes the events of one type ({@code ws_frame}, {@code http}). */
  public static StreamRule typeRule(String name, String type) {
    Map<String, Object> rule = Map.of("name", name,
        "conditions", List.of(Map.of("field", "type", "operator", "equals", "value", type)));
    return RuleParser.parse(rule, "streams[0]");
  }
}
