package io.datasipper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.api.event.CaptureEvent;
import io.datasipper.api.output.OutputRecord;
import io.datasipper.api.transform.EventTransform;
import io.datasipper.store.DeadLetters;
import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead letters sent back for delivery reach their output through the pipeline's own write path. */
class RedeliveryTest {
  /** Fault injection: every tenth frame's record asks the flaky output to refuse it. */
  private static final TransformCompiler TENTH_REFUSED = (stream, source) -> new EventTransform() {
    @Override
    public Outcome apply(CaptureEvent event) {
      return new Outcome.Records(List.of("{\"seq\":" + event.seq() + ",\"reject\":" + (event.seq() % 10 == 1) + "}"));
    }

    @Override
    public void close() {}
  };

  @TempDir Path dir;

  @Test
  void lettersSentBackAfterTheDestinationWasFixedReachItWhileThePipelineRuns() throws Exception {
    PipelineSpec refusing = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", "mark", "orders")),
        List.of(new OutputSpec("orders", "flaky", true, Map.of())));
    Path file = dir.resolve("out/orders.jsonl");
    PipelineSpec fixed = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", "mark", "orders")),
        List.of(Fixtures.file("orders", file)));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 30); // frames 1 and 11 are refused (21 is a call, not in the stream)
      assertThat(Pipeline.start(refusing, store, new Outputs(), TENTH_REFUSED).drain(Duration.ofSeconds(30))).isTrue();
      DeadLetters letters = new DeliveryLedger(store).redeliveries();
      List<DeadLetters.Entry> dead = letters.page(null, "orders", 0, 100);
      assertThat(dead).extracting(e -> e.letter().sourceSeq()).containsExactly(1L, 11L);
      assertThat(dead).allSatisfy(e -> assertThat(e.state()).isEqualTo(DeadLetters.State.DEAD));

      try (Pipeline running = Pipeline.start(fixed, store, new Outputs(), TENTH_REFUSED)) {
        // The running worker may take it before the state is read back.
        assertThat(letters.requeue(dead.get(1).id()).orElseThrow().state())
            .isIn(DeadLetters.State.REQUEUED, DeadLetters.State.DELIVERED);
        await(() -> lines(file).contains("{\"seq\":11,\"reject\":true}"));
        await(() -> letters.get(dead.get(1).id()).orElseThrow().state() == DeadLetters.State.DELIVERED);
        assertThat(running.stats().output("orders").delivered()).isEqualTo(1);
      }
      assertThat(lines(file)).as("the one sent back, once").containsExactly("{\"seq\":11,\"reject\":true}");
      assertThat(letters.get(dead.get(0).id()).orElseThrow().state()).isEqualTo(DeadLetters.State.DEAD);
    }
  }

  @Test
  void lettersSentBackWhileNoPipelineRunsWaitForTheNextDelivery() throws Exception {
    PipelineSpec refusing = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", "mark", "orders")),
        List.of(new OutputSpec("orders", "flaky", true, Map.of())));
    Path file = dir.resolve("out/orders.jsonl");
    PipelineSpec fixed = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", "mark", "orders")),
        List.of(Fixtures.file("orders", file)));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 30);
      assertThat(Pipeline.start(refusing, store, new Outputs(), TENTH_REFUSED).drain(Duration.ofSeconds(30))).isTrue();
      DeadLetters letters = new DeliveryLedger(store).redeliveries();
      assertThat(letters.requeue("frames", "orders")).isEqualTo(2);

      assertThat(Pipeline.start(fixed, store, new Outputs(), TENTH_REFUSED).drain(Duration.ofSeconds(30))).isTrue();
      assertThat(lines(file)).containsExactly("{\"seq\":1,\"reject\":true}", "{\"seq\":11,\"reject\":true}");
      assertThat(letters.page("frames", null, 0, 100)).allSatisfy(e -> {
        assertThat(e.state()).isEqualTo(DeadLetters.State.DELIVERED);
        assertThat(e.redeliveries()).isEqualTo(1);
      });
    }
  }

  @Test
  void aFailingOutputIsRetriedAndOneThatRefusesAgainMakesTheLetterDeadWithTheNewError() throws Exception {
    PipelineSpec spec = new PipelineSpec(List.of(Fixtures.stream("frames", "ws_frame", "mark", "retrying")),
        List.of(new OutputSpec("retrying", "flaky", true, Map.of("fail_writes", 2))));
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 30);
      DeliveryLedger ledger = new DeliveryLedger(store);
      // One letter the flaky output takes (no "reject"), one it refuses again.
      ledger.addDeadLetters(List.of(
          new DeliveryLedger.DeadLetter(java.time.Instant.now(), "frames", "retrying", 2, "e2", "{\"seq\":2}",
              "HTTP 503 from http://127.0.0.1:1/"),
          new DeliveryLedger.DeadLetter(java.time.Instant.now(), "frames", "retrying", 4, "e4",
              "{\"seq\":4,\"reject\":true}", "HTTP 400 from http://127.0.0.1:1/")));
      DeadLetters letters = ledger.redeliveries();
      assertThat(letters.requeue(null, null)).isEqualTo(2);
      PipelineStats stats = new PipelineStats();
      assertThat(Pipeline.start(spec, store, new Outputs(), TENTH_REFUSED, stats).drain(Duration.ofSeconds(30)))
          .isTrue();
      List<DeadLetters.Entry> after = letters.page(null, "retrying", 0, 10);
      assertThat(after.get(0).state()).isEqualTo(DeadLetters.State.DELIVERED);
      assertThat(after.get(1).state()).isEqualTo(DeadLetters.State.DEAD);
      assertThat(after.get(1).letter().error()).isEqualTo("injected rejection of e4");
      assertThat(stats.output("retrying").retries()).as("the two injected failures").isEqualTo(2);
      OutputRecord redelivered = FlakyOutputFactory.DELIVERED.get("retrying").getFirst();
      assertThat(redelivered.eventId()).isEqualTo("e2");
      assertThat(redelivered.key()).as("its connection, as when first written").isEqualTo("conn-0");
      assertThat(redelivered.eventType()).isEqualTo("ws_frame");
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Fixtures.lines(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
  }
}
