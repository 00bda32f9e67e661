package io.datasipper.output.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.pipeline.OutputSpec;
import io.datasipper.pipeline.Outputs;
import io.datasipper.pipeline.Pipeline;
import io.datasipper.pipeline.PipelineSpec;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The output a module's tests deliver to: its name in the pipeline and its type, with the pipeline
 * that feeds it the streams {@code frames} (WebSocket frames) and {@code calls} (HTTP).
 */
public record OutputUnderTest(String name, String type) {

  /** Both streams to this output, configured with {@code settings}. */
  public PipelineSpec pipeline(Map<String, Object> settings) {
    return new PipelineSpec(
        List.of(OutputEvents.stream("frames", "ws_frame", name), OutputEvents.stream("calls", "http", name)),
        List.of(new OutputSpec(name, type, true, settings)));
  }

  /**
   * Stores the events 1 to {@code events} ({@link OutputEvents}, no padding) in a new store under
   * {@code dir}, runs {@link #pipeline} until it has drained (failing after 90 s) and tells what
   * became of them.
   */
  public Delivery deliver(Path dir, Map<String, Object> settings, long events) throws Exception {
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      OutputEvents.fill(store, 1, events, 0);
      Pipeline pipeline = Pipeline.start(pipeline(settings), store, new Outputs(), null);
      assertThat(pipeline.drain(Duration.ofSeconds(90))).as("drained in time").isTrue();
      DeliveryLedger ledger = new DeliveryLedger(store);
      return new Delivery(pipeline.stats().output(name), ledger.deadLetters("frames", 100_000),
          ledger.deadLetters("calls", 100_000));
    }
  }
}
