package io.datasipper.output.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's messages: WebSocket frames of 8 connections whose JSON form is about
 * {@code valueBytes} long, so the value Kafka gets is that size.
 */
final class BenchData {
  static final int CONNECTIONS = 8;
  private final String payload;

  BenchData(int valueBytes) {
    int bare = EventJson.write(frame(100_000, "")).getBytes(StandardCharsets.UTF_8).length;
    this.payload = "x".repeat(Math.max(1, valueBytes - bare));
  }

  WsFrameEvent frame(long seq) {
    return frame(seq, payload);
  }

  private static WsFrameEvent frame(long seq, String payload) {
    return SampleEvents.frame(seq, "conn-" + seq % CONNECTIONS, payload);
  }

  /** What the pipeline hands the output for the frame: stream, seq, id, connection, the event's JSON. */
  OutputRecord record(String stream, long seq) {
    WsFrameEvent event = frame(seq);
    JsonNode value = EventJson.mapper().valueToTree(event);
    return new OutputRecord(stream, seq, event.id(), event.connectionId(), value);
  }

  List<OutputRecord> records(String stream, int count) {
    List<OutputRecord> out = new ArrayList<>(count);
    for (long seq = 1; seq <= count; seq++) {
      out.add(record(stream, seq));
    }
    return out;
  }

  void store(EventStore store, long from, long to) {
    SampleEvents.fill(store, from, to, this::frame);
  }
}
