package io.datasipper.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.datasipper.store.DeliveryLedger;
import io.datasipper.store.EventStore;
import io.datasipper.testkit.SampleEvents;
import io.datasipper.transform.JsTransforms;
import io.datasipper.transform.Limits;
import io.datasipper.transform.TransformSyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slow or hostile JavaScript transform holds up its own stream only. */
class TransformIsolationTest {
  /**
   * Burns its whole time budget on every call: one regular expression that backtracks for minutes
   * is a single statement, so the statement limit does not stop it, only the timeout does.
   */
  static final String HOSTILE = """
      function transform(e) {
        /(a+a+)+\\1b/.test('a'.repeat(40));
        return {seq: e.seq};
      }""";
  static final String PLAIN_JS = "function transform(e) { return {seq: e.seq}; }";

  static JsTransforms js;
  @TempDir Path dir;

  @BeforeAll
  static void engine() {
    js = new JsTransforms();
  }

  @AfterAll
  static void closeEngine() {
    js.close();
  }

  static TransformCompiler compiler(Limits limits) {
    return compiler(js, limits);
  }

  static TransformCompiler compiler(JsTransforms js, Limits limits) {
    return (stream, source) -> {
      try {
        return js.compile(stream, source, limits).asEventTransform();
      } catch (TransformSyntaxException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    };
  }

  @Test
  void aTransformThatBurnsItsBudgetOnEveryEventHoldsUpOnlyItsOwnStream() throws Exception {
    Path slow = dir.resolve("out/slow.jsonl");
    Path plain = dir.resolve("out/plain.jsonl");
    Path all = dir.resolve("out/all.jsonl");
    List<OutputSpec> outputs = List.of(Fixtures.file("slow", slow), Fixtures.file("plain", plain),
        Fixtures.file("all", all));
    List<Long> frames = LongStream.rangeClosed(1, 1_500).filter(SampleEvents::isFrame).boxed().toList();
    List<Long> calls = LongStream.rangeClosed(1, 1_500).filter(s -> !SampleEvents.isFrame(s)).boxed().toList();
    try (EventStore store = EventStore.open(dir.resolve("data"))) {
      Fixtures.fill(store, 1, 1_500);
      DeliveryLedger ledger = new DeliveryLedger(store);
      PipelineSpec hostile = new PipelineSpec(List.of(Fixtures.stream("calls", "http", HOSTILE, "slow", "all"),
          Fixtures.stream("frames", "ws_frame", null, "plain", "all")), outputs);
      // Each of the first 100 calls may take 5 s (the warm-up budget): minutes for all of them.
      Pipeline pipeline = Pipeline.start(hostile, store, new Outputs(), compiler(Limits.DEFAULT));
      try {
        await(Duration.ofSeconds(60), () -> lines(plain).size() == frames.size());
        assertThat(PipelineDeliveryTest.seqs(Fixtures.lines(plain))).containsExactlyElementsOf(frames);
        // The output shared with the slow stream receives the plain stream's records all the same...
        await(Duration.ofSeconds(30), () -> lines(all).size() >= frames.size());
        assertThat(PipelineDeliveryTest.seqs(Fixtures.lines(all))).containsAll(frames);
        await(Duration.ofSeconds(30), () -> ledger.cursor("plain").orElse(0L) == 1_500);
        assertThat(lines(slow)).as("the hostile transform is still at work").isEmpty();
        // ...but its cursor stays before the calls the slow stream has not delivered yet.
        assertThat(ledger.cursor("all")).hasValue(0L);
      } finally {
        pipeline.close();
      }
      assertThat(pipeline.awaitStopped(Duration.ofSeconds(30))).isTrue();

      // A fixed transform (as a config reload brings) delivers the calls; nothing was lost.
      PipelineSpec fixed = new PipelineSpec(List.of(Fixtures.stream("calls", "http", PLAIN_JS, "slow", "all"),
          Fixtures.stream("frames", "ws_frame", null, "plain", "all")), outputs);
      assertThat(Pipeline.start(fixed, store, new Outputs(), compiler(Limits.DEFAULT)).drain(Duration.ofSeconds(60)))
          .isTrue();
      assertThat(PipelineDeliveryTest.seqs(Fixtures.lines(slow))).containsExactlyElementsOf(calls);
      assertThat(new HashSet<>(PipelineDeliveryTest.seqs(Fixtures.lines(all))))
          .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1_500).boxed().toList());
      assertThat(PipelineDeliveryTest.seqs(Fixtures.lines(plain))).as("each frame once: its output had confirmed them")
          .containsExactlyElementsOf(frames);
      assertThat(ledger.cursor("all")).hasValue(1_500L);
    }
  }

  static List<String> lines(Path file) {
    try {
      return Fixtures.lines(file);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits until {@code done}, polling; fails after {@code limit}. */
  static void await(Duration limit, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not done within " + limit.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
  }
}
