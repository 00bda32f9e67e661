package io.datasipper.output.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.datasipper.api.event.WsFrameEvent;
import io.datasipper.api.json.EventJson;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.store.EventQuery;
import io.datasipper.store.EventStore;
import io.datasipper.store.StoredEvent;
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
    return SampleEvents.frame(seq, connectionOf(seq), payload);
  }

  /** What the pipeline hands the output for the frame: stream, seq, id, connection, the event's JSON. */
  OutputRecord record(String stream, long seq) {
    WsFrameEvent event = frame(seq);
    JsonNode value = EventJson.mapper().valueToTree(event);
    return new OutputRecord(stream, seq, event.id(), event.connectionId(), value);
  }

  /**
   * The records the pipeline makes of the stored frames when a stream ships them unchanged: the
   * stored UTF-8 JSON, keyed by connection.
   */
  static List<OutputRecord> storedRecords(EventStore store, String stream) {
    List<OutputRecord> out = new ArrayList<>();
    for (StoredEvent e : store.queryStored(EventQuery.all())) {
      out.add(OutputRecord.ofJsonUtf8(stream, e.seq(), e.id(), connectionOf(e.seq()), e.type(), e.jsonUtf8()));
    }
    return out;
  }

  static String connectionOf(long seq) {
    return "conn-" + seq % CONNECTIONS;
  }

  void store(EventStore store, long from, long to) {
    SampleEvents.fill(store, from, to, this::frame);
  }
}
