package io.datasipper.output.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineStats;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a pipeline run delivered to the output {@code sql}: events 1..n stored, routed, drained. */
record Delivery(PipelineStats.OutputCounters stats, List<DeliveryLedger.DeadLetter> deadLetters) {

  static Delivery run(Path dir, Map<String, Object> settings, long events) throws Exception {
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Events.fill(store, 1, events, 0);
      Pipeline pipeline = Pipeline.start(Events.toOutput(settings), store, new Outputs(), null);
      assertThat(pipeline.drain(Duration.ofSeconds(90))).as("drained in time").isTrue();
      DeliveryLedger ledger = new DeliveryLedger(store);
      List<DeliveryLedger.DeadLetter> dead = new ArrayList<>(ledger.deadLetters("frames", 100_000));
      dead.addAll(ledger.deadLetters("calls", 100_000));
      return new Delivery(pipeline.stats().output("sql"), dead);
    }
  }
}
