package io.datasipper.output.kafka;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.kafka.broker.EmbeddedKafka;
import io.datasipper.pipeline.OutputSpec;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import java.util.HashMap;
import java.util.Map;

/** The Kafka tests' events, and Kafka outputs on an embedded broker. */
final class Events {
  static final int CONNECTIONS = 4;

  private Events() {}

  /** Every third event an HTTP exchange, the others frames of {@value #CONNECTIONS} WebSocket connections. */
  static CaptureEvent event(long seq) {
    return SampleEvents.event(seq, CONNECTIONS, "{\"n\":" + seq + "}");
  }

  static void fill(EventStore store, long from, long to) {
    SampleEvents.fill(store, from, to, Events::event);
  }

  static OutputSpec kafka(String name, EmbeddedKafka kafka, Map<String, Object> settings) {
    Map<String, Object> all = new HashMap<>(settings);
    all.put("bootstrap_servers", kafka.bootstrapServers());
    return new OutputSpec(name, "kafka", true, all);
  }
}
